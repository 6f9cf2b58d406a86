'use strict';
// The live page (docs/server.md#the-live-page): the recent past of one symbol from /history, then its
// rows as they come over /ws/stream, drawn with ECharts on one time axis. What it has drawn is kept in
// window.orderflowPage, which the page's test reads.
(function () {
  const HISTORY_MS = 60 * 60 * 1000;   // the past loaded on opening a symbol
  const MAX_POINTS = 20000;            // per line series; the oldest go first
  const MAX_CANDLES = 1440;
  const HISTORY_PAGE = 20000;
  const REDRAW_MS = 250;
  const KINDS = ['kline_1m', 'trade', 'ofi', 'cvd', 'fusion', 'events'];

  const page = window.orderflowPage = {
    symbol: null, symbols: [], connected: false, connects: 0, messages: 0, problems: [],
    drawn: { candles: 0, trades: 0, ofi: 0, cvd: 0, fusion: 0, events: 0, draws: 0 },
  };
  let data = emptyData();
  let buffered = null;   // live rows held while history loads
  let socket = null;
  let retryMs = 500;
  let requestId = 0;
  let redrawDue = false;

  const chart = page.chart = echarts.init(document.getElementById('chart'));
  window.addEventListener('resize', () => chart.resize());
  const picker = document.getElementById('symbol');
  picker.addEventListener('change', () => choose(picker.value));

  function emptyData() {
    return { candles: new Map(), trade: [], ofi: [], cvd: [], fusion: [], events: [] };
  }

  function problem(text) {
    page.problems.push(text);
    if (page.problems.length > 50) page.problems.shift();
    console.warn(text);
  }

  // History rows come from Parquet (timestamps as numbers or ISO text, NaN as "NaN"), live rows as
  // the job encoded them (NaN as null): one reading for both.
  function ms(value) {
    return typeof value === 'number' ? value : Date.parse(value);
  }
  function num(value) {
    const n = value === null || value === undefined ? NaN : Number(value);
    return Number.isFinite(n) ? n : null;
  }

  function add(kind, row) {
    const ts = ms(row.ts_ms);
    if (!Number.isFinite(ts)) return;
    if (kind === 'kline_1m') {
      data.candles.set(ts, [ts, num(row.open), num(row.close), num(row.low), num(row.high)]);
      if (data.candles.size > MAX_CANDLES) data.candles.delete(data.candles.keys().next().value);
      return;
    }
    const series = data[kind];
    const last = series[series.length - 1];
    if (last && ts < last[0]) return; // older than drawn: had already
    const field = { trade: 'price', ofi: 'ofi_z', cvd: 'z_cvd', fusion: 'score' }[kind];
    const point = kind === 'events' ? [ts, row.event_type, row.meta_json || ''] : [ts, num(row[field])];
    // The latest row the server sends on subscribing is history's last one too: drawn once.
    if (last && point.every((value, i) => value === last[i])) return;
    series.push(point);
    if (series.length > MAX_POINTS) series.splice(0, series.length - MAX_POINTS);
  }

  async function fetchJson(url) {
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(url + ': ' + (body.error || response.status));
    return body;
  }

  // Pages of /history from fromMs on, oldest first, each page continuing after the last row's time.
  async function loadHistory(symbol, kind, fromMs, toMs) {
    const stream = symbol.toLowerCase() + '@' + kind;
    for (let from = fromMs; from < toMs;) {
      const body = await fetchJson('/history?stream=' + encodeURIComponent(stream) + '&from_ms=' + from
        + '&to_ms=' + toMs + '&limit=' + HISTORY_PAGE);
      if (page.symbol !== symbol) return;
      body.data.forEach(row => add(kind, row));
      if (body.count < HISTORY_PAGE) return;
      from = ms(body.data[body.data.length - 1].ts_ms) + 1;
    }
  }

  async function choose(symbol) {
    if (!symbol || symbol === page.symbol) return;
    const previous = page.symbol;
    page.symbol = symbol;
    picker.value = symbol;
    history.replaceState(null, '', '?symbol=' + encodeURIComponent(symbol));
    data = emptyData();
    if (previous) send('unsubscribe', previous);
    const start = Date.now() - HISTORY_MS;
    await catchUp(symbol, () => start);
  }

  // Subscribes, reads each series' history from fromOf(kind), and holds the live rows that arrive
  // meanwhile until it has drawn it: the seam between the two loses nothing and draws nothing twice
  // (the row the server sends on subscribing is history's last one too, dropped as the same point).
  async function catchUp(symbol, fromOf) {
    buffered = [];
    send('subscribe', symbol);
    const to = Date.now() + 60000;
    try {
      await Promise.all(KINDS.map(kind => loadHistory(symbol, kind, fromOf(kind), to)));
    } catch (e) {
      problem('history of ' + symbol + ': ' + e.message);
    }
    if (page.symbol !== symbol) return;
    const held = buffered;
    buffered = null;
    held.forEach(message => received(message));
    redraw();
  }

  // Where a series' history continues from: its last point's time, that point included (others may
  // share its millisecond), or the start of the window when it has none.
  function continueFrom(kind) {
    const start = Date.now() - HISTORY_MS;
    if (kind === 'kline_1m') return Math.max(start, ...data.candles.keys());
    const series = data[kind];
    return series.length ? series[series.length - 1][0] : start;
  }

  function streamsOf(symbol) {
    return KINDS.map(kind => symbol.toLowerCase() + '@' + kind);
  }

  function send(op, symbol) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ op: op, streams: streamsOf(symbol), id: ++requestId }));
    }
  }

  function connect() {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/stream';
    socket = new WebSocket(url);
    socket.onopen = () => {
      page.connected = true;
      page.connects++;
      retryMs = 500;
      status('live', 'live');
      if (!page.symbol) return;
      // Opened while choose() reads history: its rows wait for it. Otherwise (a reconnect, or history
      // read before the socket opened) catch up from what is drawn.
      if (buffered) send('subscribe', page.symbol); else catchUp(page.symbol, continueFrom);
    };
    socket.onmessage = event => {
      const message = JSON.parse(event.data);
      if (message.error) problem('server: ' + message.error);
      if (!message.stream) return;
      page.messages++;
      if (buffered) buffered.push(message); else received(message);
    };
    socket.onclose = event => {
      page.connected = false;
      status('down', 'disconnected (' + event.code + '), again in ' + (retryMs / 1000) + ' s');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    };
  }

  function received(message) {
    const at = message.stream.indexOf('@');
    if (message.stream.slice(0, at).toUpperCase() !== page.symbol) return;
    add(message.stream.slice(at + 1), message.data);
    scheduleRedraw();
  }

  function status(kind, text) {
    const element = document.getElementById('status');
    element.className = 'status ' + kind;
    element.textContent = text;
  }

  function scheduleRedraw() {
    if (redrawDue) return;
    redrawDue = true;
    setTimeout(() => { redrawDue = false; redraw(); }, REDRAW_MS);
  }

  // An event is drawn on the price pane at the last trade price at or before it.
  function priceAt(ts) {
    const trades = data.trade;
    let lo = 0, hi = trades.length - 1, found = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (trades[mid][0] <= ts) { found = trades[mid][1]; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function redraw() {
    const candles = Array.from(data.candles.values()).sort((a, b) => a[0] - b[0]);
    // A candle stands in the middle of its minute; every pane spans the same time, from the first
    // candle's opening to the last one's close, or the series' own ends.
    const drawnCandles = candles.map(c => [c[0] + 30000, c[1], c[2], c[3], c[4]]);
    const lines = [data.trade, data.ofi, data.cvd, data.fusion].filter(s => s.length);
    const starts = lines.map(s => s[0][0]).concat(candles.length ? [candles[0][0]] : []);
    const ends = lines.map(s => s[s.length - 1][0]).concat(candles.length ? [candles[candles.length - 1][0] + 60000] : []);
    const axisMin = starts.length ? Math.min(...starts) : null;
    const axisMax = ends.length ? Math.max(...ends) : null;
    const events = data.events.map(e => ({ value: [e[0], priceAt(e[0])], name: e[1], meta: e[2] }))
      .filter(e => e.value[1] !== null);
    const grids = [{ top: 40, height: '40%' }, { top: '52%', height: '12%' }, { top: '67%', height: '12%' },
      { top: '82%', height: '12%' }];
    const axes = grids.map((g, i) => ({ type: 'time', gridIndex: i, min: axisMin, max: axisMax,
      axisLabel: { show: i === grids.length - 1 } }));
    const line = (name, points, i, color) => ({ name: name, type: 'line', xAxisIndex: i, yAxisIndex: i, data: points,
      showSymbol: false, sampling: 'lttb', lineStyle: { width: 1 }, color: color });
    chart.setOption({
      animation: false,
      title: { text: page.symbol || '', left: 10, top: 5, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      legend: { top: 5, data: ['1m', 'trade price', 'events', 'OFI z', 'CVD z', 'fusion score'] },
      grid: grids,
      xAxis: axes,
      yAxis: grids.map((g, i) => ({ gridIndex: i, scale: true, splitNumber: i ? 2 : 5,
        name: ['price', 'OFI z', 'CVD z', 'score'][i], nameGap: 8 })),
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1, 2, 3] }],
      series: [
        { name: '1m', type: 'candlestick', data: drawnCandles, xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 14 },
        line('trade price', data.trade, 0, '#5470c6'),
        { name: 'events', type: 'scatter', data: events, xAxisIndex: 0, yAxisIndex: 0, symbolSize: 9,
          color: '#ee6666', tooltip: { trigger: 'item', formatter: p => p.data.name + '<br>' + p.data.meta } },
        line('OFI z', data.ofi, 1, '#91cc75'),
        line('CVD z', data.cvd, 2, '#fac858'),
        line('fusion score', data.fusion, 3, '#9a60b4'),
      ],
    }, { replaceMerge: ['series'] });
    const drawn = page.drawn;
    drawn.candles = candles.length;
    drawn.trades = data.trade.length;
    drawn.ofi = data.ofi.length;
    drawn.cvd = data.cvd.length;
    drawn.fusion = data.fusion.length;
    drawn.events = events.length;
    drawn.lastCandle = candles.length ? candles[candles.length - 1] : null;
    drawn.draws++;
    const trade = data.trade[data.trade.length - 1];
    document.getElementById('last').textContent = trade
      ? new Date(trade[0]).toISOString().replace('T', ' ').slice(0, 23) + ' UTC  ' + trade[1] : '';
  }

  async function loadSymbols() {
    try {
      const body = await fetchJson('/streams');
      const symbols = [...new Set(body.streams.map(s => s.stream.split('@')[0].toUpperCase()))].sort();
      if (symbols.join() !== page.symbols.join()) {
        page.symbols = symbols;
        picker.replaceChildren(...symbols.map(s => new Option(s, s)));
        if (page.symbol) picker.value = page.symbol;
      }
      if (!page.symbol && symbols.length) {
        const asked = new URLSearchParams(location.search).get('symbol');
        choose(asked && symbols.includes(asked.toUpperCase()) ? asked.toUpperCase() : symbols[0]);
      }
    } catch (e) {
      problem('/streams: ' + e.message);
    }
    setTimeout(loadSymbols, page.symbol ? 30000 : 2000); // quickly while the job has sent nothing yet
  }

  connect();
  loadSymbols();
})();

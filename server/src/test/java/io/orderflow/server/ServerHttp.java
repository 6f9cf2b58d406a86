package io.orderflow.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GETs to a server an IT started on loopback. */
record ServerHttp(HttpClient http, int port) {

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of an unlabelled /metrics sample, e.g. {@code orderflow_server_clients}. */
    long metric(String name) throws Exception {
        String metrics = get("/metrics").body();
        String prefix = "\n" + name + " ";
        int at = metrics.indexOf(prefix);
        if (at < 0) {
            throw new AssertionError("no sample " + name + " in /metrics:\n" + metrics);
        }
        int start = at + prefix.length();
        return Long.parseLong(metrics.substring(start, metrics.indexOf('\n', start)));
    }
}

package io.orderflow.job.serde;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.Trade;
import io.orderflow.job.live.LiveRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The records with a fast serializer of their own. The records live in core, which knows nothing of
 * Flink, so they are mapped to their {@link TypeInfoFactory} here, through Flink's
 * {@code pipeline.serialization-config}, when the job's graph is built: every stream and every state
 * type is extracted then, on the client (functions make their state types in their constructors),
 * and travels to the task managers with the graph.
 */
public final class RecordTypes {

    public static final TypeInformation<BookTop> BOOK_TOP =
            new RecordTypeInfo<>(BookTop.class, BookTopSerializer.INSTANCE);

    private static final Map<Class<?>, Class<? extends TypeInfoFactory<?>>> FACTORIES = Map.of(
            Trade.class, TradeSerializer.TypeInfoFactory.class,
            BookTop.class, BookTopSerializer.TypeInfoFactory.class,
            PriceRow.class, PriceRowSerializer.TypeInfoFactory.class,
            OfiRow.class, OfiRowSerializer.TypeInfoFactory.class,
            CvdRow.class, CvdRowSerializer.TypeInfoFactory.class,
            LiveRow.class, LiveRowSerializer.TypeInfoFactory.class);

    private RecordTypes() {}

    /** The {@code pipeline.serialization-config} entries: each record with its type-information factory. */
    public static List<String> serializationConfig() {
        return entries(FACTORIES.keySet());
    }

    /**
     * Applies {@link #serializationConfig()} to {@code env}, before anything is typed. Flink keeps the
     * mapping JVM-wide and refuses it twice, so a JVM that builds a second job (a test run, a resumed
     * local run) applies only what it does not have yet.
     */
    public static synchronized void configure(StreamExecutionEnvironment env) {
        List<Class<?>> missing = FACTORIES.keySet().stream()
                .filter(type -> TypeExtractor.getTypeInfoFactory(type) == null)
                .toList();
        if (!missing.isEmpty()) {
            Configuration serialization = new Configuration();
            serialization.set(PipelineOptions.SERIALIZATION_CONFIG, entries(missing));
            env.configure(serialization, RecordTypes.class.getClassLoader());
        }
    }

    private static List<String> entries(Collection<Class<?>> types) {
        return types.stream()
                .map(type -> type.getName() + ": {type: typeinfo, class: " + FACTORIES.get(type).getName() + "}")
                .sorted()
                .toList();
    }
}

package io.orderflow.job.config;

/**
 * A configuration value is missing, unknown or invalid. Thrown once at start, before the job is
 * built, with a message that names the key, the offending value and what would be accepted.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

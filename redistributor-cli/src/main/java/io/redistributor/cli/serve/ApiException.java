package io.redistributor.cli.serve;

/**
 * A request the server refuses: answered with the HTTP status and a JSON body
 * {@code {"error": message, "code": code, "status": status}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status, 400 to 599
     * @param code a short stable word for scripts ("not-an-image", "too-large", ...)
     * @param message a sentence for people, naming the parameter, the value and the rule
     */
    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /**
     * The HTTP status.
     *
     * @return 400 to 599
     */
    public int status() {
        return status;
    }

    /**
     * The short code of the error.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * A bad parameter (400).
     *
     * @param message what is wrong
     * @return the exception
     */
    static ApiException badParameter(String message) {
        return new ApiException(400, "bad-parameter", message);
    }

    /**
     * An unknown route or id (404).
     *
     * @param message what was not found
     * @return the exception
     */
    static ApiException notFound(String message) {
        return new ApiException(404, "not-found", message);
    }
}

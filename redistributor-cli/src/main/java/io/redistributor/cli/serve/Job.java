package io.redistributor.cli.serve;

import io.redistributor.image.Image;
import io.redistributor.image.TransferOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * One colour match requested through the API, from queued to done, failed or cancelled. Its
 * progress is the stage it is in (matching, measuring, writing) with a fraction for each stage's
 * start; the page shows both.
 */
final class Job {
    /** Where a job is. */
    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    final String id;
    final TransferOptions options;
    private final String sourceId;
    private final String referenceId;
    private final String sourceName;
    /** The inputs, held until the job ends so that a finished job keeps no image in memory. */
    private Workspace.Stored source;
    private Workspace.Stored reference;
    private final long created = System.nanoTime();

    private State state = State.QUEUED;
    private String stage = "queued";
    private double progress;
    private String error;
    private long elapsedNanos = -1;
    private Future<?> future;
    private Map<String, Object> result;
    private Path file;
    private String downloadName;
    private byte[] preview;
    private Map<String, Object> metrics;
    private Map<String, Object> curves;

    Job(String id, Workspace.Stored source, Workspace.Stored reference, TransferOptions options) {
        this.id = id;
        this.source = source;
        this.reference = reference;
        this.sourceId = source.id();
        this.referenceId = reference.id();
        this.sourceName = source.name();
        this.options = options;
    }

    synchronized void future(Future<?> f) {
        this.future = f;
    }

    /** Enters a stage; false if the job was cancelled meanwhile (then the worker stops). */
    synchronized boolean stage(String name, double fraction) {
        if (state == State.CANCELLED) {
            return false;
        }
        state = State.RUNNING;
        stage = name;
        progress = fraction;
        return true;
    }

    /** Records the result; false if the job was cancelled meanwhile (then the caller deletes the file). */
    synchronized boolean finish(Image img, Path f, String name, byte[] png, Map<String, Object> m, Map<String, Object> c) {
        if (state == State.CANCELLED) {
            return false;
        }
        result = Api.describe(img);
        file = f;
        downloadName = name;
        preview = png;
        metrics = m;
        curves = c;
        end(State.DONE, "done");
        return true;
    }

    synchronized void fail(String message) {
        if (state != State.CANCELLED) {
            error = message;
            end(State.FAILED, "failed");
        }
    }

    /** Cancels the job unless it has ended; returns true if it was still queued or running. */
    synchronized boolean cancel() {
        if (state == State.DONE || state == State.FAILED || state == State.CANCELLED) {
            return false;
        }
        end(State.CANCELLED, "cancelled");
        if (future != null) {
            future.cancel(true);
        }
        return true;
    }

    private void end(State s, String name) {
        source = null;
        reference = null;
        state = s;
        stage = name;
        progress = s == State.DONE ? 1 : progress;
        elapsedNanos = System.nanoTime() - created;
        notifyAll();
    }

    synchronized boolean ended() {
        return state != State.QUEUED && state != State.RUNNING;
    }

    /** Waits until the job ends or the time runs out. */
    synchronized void await(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (long left = millis; !ended() && left > 0; left = end - System.currentTimeMillis()) {
            wait(left);
        }
    }

    /** The source, or null once the job has ended. */
    synchronized Workspace.Stored source() {
        return source;
    }

    /** The reference, or null once the job has ended. */
    synchronized Workspace.Stored reference() {
        return reference;
    }

    /** The source's file name as uploaded. */
    String sourceName() {
        return sourceName;
    }

    synchronized State state() {
        return state;
    }

    synchronized Path file() {
        return file;
    }

    synchronized String downloadName() {
        return downloadName;
    }

    synchronized byte[] preview() {
        return preview;
    }

    /** The job as the API shows it. */
    synchronized Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("stage", stage);
        m.put("progress", progress);
        m.put("elapsedMs", (elapsedNanos < 0 ? System.nanoTime() - created : elapsedNanos) / 1_000_000);
        m.put("source", sourceId);
        m.put("reference", referenceId);
        m.put("options", Params.toJson(options));
        if (error != null) {
            m.put("error", error);
        }
        if (state == State.DONE) {
            Map<String, Object> r = new LinkedHashMap<>(result);
            r.put("name", downloadName);
            r.put("download", "/api/jobs/" + id + "/result");
            r.put("preview", "/api/jobs/" + id + "/preview");
            m.put("result", r);
            m.put("metrics", metrics);
            m.put("curves", curves);
        }
        return m;
    }
}

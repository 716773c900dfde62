package io.redistributor.cli.serve;

import io.redistributor.image.ColorTransfer;
import io.redistributor.image.Image;
import io.redistributor.image.ImageFileException;
import io.redistributor.image.ImageFiles;
import io.redistributor.image.ImageMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs colour matches one at a time on a worker thread (the image module already uses every core
 * within one match). Submitting a job cancels those still queued or running: a running match
 * stops at its next stage and its result is discarded. Finished jobs beyond the limit are
 * forgotten, oldest first, and their files deleted.
 */
final class Jobs {
    private final Workspace workspace;
    private final int maxJobs;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "redistributor-serve-match");
        t.setDaemon(true);
        return t;
    });

    Jobs(Workspace workspace, int maxJobs) {
        this.workspace = workspace;
        this.maxJobs = maxJobs;
    }

    /** Queues a match, cancelling the jobs in flight. */
    Job submit(Workspace.Stored source, Workspace.Stored reference, io.redistributor.image.TransferOptions options) {
        Job job = new Job(workspace.newId(), source, reference, options);
        List<Job> dropped = new ArrayList<>();
        synchronized (this) {
            for (Job j : jobs.values()) {
                j.cancel();
            }
            jobs.put(job.id, job);
            Iterator<Job> it = jobs.values().iterator();
            while (jobs.size() > maxJobs && it.hasNext()) {
                dropped.add(it.next());
                it.remove();
            }
        }
        for (Job j : dropped) {
            workspace.delete(j.file());
        }
        job.future(worker.submit(() -> run(job)));
        return job;
    }

    /**
     * A job by id.
     *
     * @throws ApiException 404 if the id is malformed or unknown
     */
    synchronized Job get(String id) {
        Job j = Workspace.ID.matcher(id).matches() ? jobs.get(id) : null;
        if (j == null) {
            throw ApiException.notFound(String.format(Locale.ROOT, "job '%s' is not a job on this server",
                Workspace.clip(id)));
        }
        return j;
    }

    /** Cancels a job and forgets it, deleting its file. */
    void remove(String id) {
        Job j = get(id);
        synchronized (this) {
            jobs.remove(id);
        }
        j.cancel();
        workspace.delete(j.file());
    }

    /** Cancels every job and stops the worker. */
    void close() throws InterruptedException {
        synchronized (this) {
            for (Job j : jobs.values()) {
                j.cancel();
            }
        }
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void run(Job job) {
        Path file = null;
        try {
            Workspace.Stored srcStored = job.source();
            Workspace.Stored refStored = job.reference();
            if (srcStored == null || refStored == null || !job.stage("matching", 0.05)) {
                return;
            }
            Image src = srcStored.image();
            Image ref = refStored.image();
            Image result = ColorTransfer.match(src, ref, job.options);
            if (!job.stage("measuring", 0.6)) {
                return;
            }
            long seed = job.options.seed();
            ImageMetrics.Quality q = ImageMetrics.assess(result, src, ref, seed);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("distanceBefore", ImageMetrics.slicedWasserstein(src, ref, ImageMetrics.DEFAULT_DIRECTIONS, seed));
            metrics.put("distance", q.slicedWasserstein());
            metrics.put("channelDistanceBefore", ImageMetrics.channelWasserstein(src, ref));
            metrics.put("channelDistance", q.channelWasserstein());
            metrics.put("ssim", q.ssim());
            Map<String, Object> curves = Curves.of(src, result);
            if (!job.stage("writing", 0.8)) {
                return;
            }
            String ext = Previews.extension(result);
            file = workspace.file(job.id, ext);
            ImageFiles.write(result, file);
            byte[] preview = Previews.png(result);
            String name = Uploads.safeName(stem(job.sourceName()) + "-matched." + ext);
            if (job.finish(result, file, name, preview, metrics, curves)) {
                file = null;
            }
        } catch (IllegalArgumentException | ImageFileException e) {
            job.fail(e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            job.fail("the match failed: " + e);
        } finally {
            workspace.delete(file);
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}

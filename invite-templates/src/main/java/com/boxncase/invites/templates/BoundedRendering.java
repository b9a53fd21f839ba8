package com.boxncase.invites.templates;

import com.boxncase.invites.templates.TemplateLimitExceeded.Limit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the render of a store's template on a thread of its own, within {@link RenderLimits}: the caller waits
 * until the render has used the CPU bound (then it is cancelled, which interrupts the thread; the templates carry
 * FreeMarker's thread-interruption checks, so loops stop at their next iteration) or until the wall-clock cap. No
 * {@link Error} of the render (a stack overflow from recursion, an out-of-memory from a giant string) reaches
 * the caller; each becomes a {@link TemplateLimitExceeded}.
 *
 * <p>A thread of its own, rather than a watchdog that interrupts the caller, so that the caller (a Kafka listener
 * thread, an HTTP request thread) never has its interrupt flag touched, never overflows its own stack, and is
 * free at the bound even if a render ignored the interruption.
 */
final class BoundedRendering implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = cpuTimeAvailable();

    /** The steps of a render, which tell the caller what part was running when a bound was hit. */
    interface Work<R> {
        R run(Progress progress);
    }

    /** Where a render is. */
    interface Progress {
        void part(String field);
    }

    private final RenderLimits limits;
    private final ThreadPoolExecutor threads;

    BoundedRendering(RenderLimits limits) {
        this.limits = limits;
        AtomicInteger count = new AtomicInteger();
        // No queue: a render either gets a thread now or is refused as busy, so callers never wait behind others.
        this.threads = new ThreadPoolExecutor(
                0, limits.maxThreads(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "template-render-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    <R> R run(Work<R> work) {
        Task<R> task = new Task<>(work);
        FutureTask<R> future = new FutureTask<>(task);
        try {
            threads.execute(future);
        } catch (RejectedExecutionException e) {
            throw new RendererBusy("all " + limits.maxThreads() + " template render threads are busy");
        }
        long cpuBound = limits.cpuTime().toNanos();
        long start = System.nanoTime();
        long wallDeadline = start + limits.wallClockLimit().toNanos();
        try {
            // Waiting for the CPU time still allowed is the earliest the render can exceed its bound.
            long wait = Math.min(cpuBound, wallDeadline - start);
            while (true) {
                try {
                    return future.get(wait, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // not done yet: check the bounds
                }
                long used = task.cpuNanos(start);
                long now = System.nanoTime();
                if (used >= cpuBound) {
                    // the part before cancelling: once interrupted, the render thread moves on to the next part
                    String part = task.part;
                    future.cancel(true);
                    throw new TemplateLimitExceeded(
                            Limit.TIME, part, "rendering used more than " + millis(cpuBound) + " ms of CPU");
                }
                if (now - wallDeadline >= 0) {
                    future.cancel(true);
                    throw new RendererBusy("rendering did not finish within " + millis(now - start)
                            + " ms and got only " + millis(used) + " ms of CPU: the machine is overloaded");
                }
                wait = Math.max(Math.min(cpuBound - used, wallDeadline - now), TimeUnit.MILLISECONDS.toNanos(1));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new TemplateRenderingFailed(
                    List.of(new TemplateProblem(task.fieldOrTemplate(), 0, 0, String.valueOf(e.getCause()))));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RendererBusy("interrupted while a template was rendering");
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static boolean cpuTimeAvailable() {
        try {
            return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** One render on a render thread, which turns every {@link Error} into a {@link TemplateLimitExceeded}. */
    private static final class Task<R> implements Callable<R>, Progress {

        private final Work<R> work;
        private volatile String part;
        private volatile long threadId = -1;
        private volatile long cpuAtStart;
        private volatile long cpuUsedAtEnd = -1;

        Task(Work<R> work) {
            this.work = work;
        }

        @Override
        public void part(String field) {
            this.part = field;
        }

        String fieldOrTemplate() {
            return part == null ? "template" : part;
        }

        /**
         * CPU time the render has used so far; where the JVM cannot tell, the wall-clock time since
         * {@code submittedAt}, so that the bound still holds.
         */
        long cpuNanos(long submittedAt) {
            if (!CPU_TIME) {
                return System.nanoTime() - submittedAt;
            }
            long atEnd = cpuUsedAtEnd;
            if (atEnd >= 0) {
                return atEnd;
            }
            long id = threadId;
            if (id < 0) {
                return 0; // not started yet: waiting for a thread is the machine's time, not the template's
            }
            long now = THREADS.getThreadCpuTime(id);
            return now < 0 ? System.nanoTime() - submittedAt : Math.max(0, now - cpuAtStart);
        }

        @Override
        public R call() {
            if (CPU_TIME) {
                cpuAtStart = THREADS.getCurrentThreadCpuTime();
                threadId = Thread.currentThread().getId();
            }
            try {
                return work.run(this);
            } catch (StackOverflowError e) {
                throw new TemplateLimitExceeded(
                        Limit.STACK, part, "the template nests or recurses too deeply (stack overflow)");
            } catch (OutOfMemoryError e) {
                throw new TemplateLimitExceeded(
                        Limit.MEMORY, part, "the template needs more memory than a message may (out of memory)");
            } catch (TemplateRenderingFailed e) {
                throw e;
            } catch (Throwable e) { // no Error of a store's template may reach the caller
                throw new TemplateRenderingFailed(
                        List.of(new TemplateProblem(fieldOrTemplate(), 0, 0, String.valueOf(e.getMessage()))));
            } finally {
                if (CPU_TIME) {
                    cpuUsedAtEnd = Math.max(0, THREADS.getCurrentThreadCpuTime() - cpuAtStart);
                }
            }
        }
    }
}

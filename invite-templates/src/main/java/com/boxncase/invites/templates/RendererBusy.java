package com.boxncase.invites.templates;

/**
 * A store's template could not be rendered in time for a reason that is not the template's: every render thread
 * was taken, or the machine gave the render too little CPU before the wall-clock cap. The message falls back to
 * the default template (or the request is asked to retry) and the store's template is not blamed.
 */
public class RendererBusy extends RuntimeException {

    public RendererBusy(String message) {
        super(message);
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PreRenderViewEvent;
import jakarta.faces.view.ViewDeclarationLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import org.imageshare.platform.control.ImageShareException;

/**
 * The one place where failures on pages become what the user sees:
 * <ul>
 * <li>a business error ({@link ImageShareException}) becomes a message on the same page;</li>
 * <li>an expired view goes back to the page (or its sign-in page) with "your session expired";</li>
 * <li>a refused EJB call shows the 403 page;</li>
 * <li>anything else is logged as an incident and the friendly 500 page shows its id — never a stack trace.</li>
 * </ul>
 */
public class PageExceptionHandler extends ExceptionHandlerWrapper {

    static final String INCIDENT_ATTRIBUTE = "imageshare.incident";
    private static final String ERROR_500 = "/WEB-INF/errors/500.xhtml";
    private static final String ERROR_403 = "/WEB-INF/errors/403.xhtml";

    PageExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext context = FacesContext.getCurrentInstance();
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        boolean done = false;
        while (events.hasNext()) {
            ExceptionQueuedEventContext event = events.next().getContext();
            events.remove();
            if (done) {
                continue; // one answer per request; later failures are consequences of the first
            }
            done = true;
            Throwable failure = event.getException();
            PhaseId phase = event.getPhaseId();
            Optional<ImageShareException> business = cause(failure, ImageShareException.class);
            Optional<ViewExpiredException> expired = cause(failure, ViewExpiredException.class);
            if (business.isPresent() && phase != PhaseId.RENDER_RESPONSE) {
                Messages.show(context, business.get());
                context.renderResponse();
            } else if (expired.isPresent()) {
                backAfterExpiry(context, expired.get().getViewId());
            } else if (cause(failure, EJBAccessException.class).isPresent()) {
                render(context, ERROR_403, 403, phase);
            } else {
                context.getExternalContext().getRequestMap().put(INCIDENT_ATTRIBUTE, Incidents.log(failure));
                render(context, ERROR_500, 500, phase);
            }
        }
        getWrapped().handle();
    }

    private static void backAfterExpiry(FacesContext context, String viewId) {
        ExternalContext external = context.getExternalContext();
        String target = viewId == null || viewId.startsWith("/WEB-INF/") ? "/index.xhtml" : viewId;
        boolean publicPage = !target.startsWith("/staff/") && !target.startsWith("/patient/");
        if (!publicPage && external.getUserPrincipal() == null) {
            target = target.startsWith("/staff/") ? "/login.xhtml" : "/index.xhtml";
        }
        try {
            external.redirect(external.getRequestContextPath() + target + "?expired=true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.responseComplete();
    }

    /**
     * Renders an error page in place of the requested view, at once (as OmniFaces' FullAjaxExceptionHandler
     * does): a redirect cannot reach pages under WEB-INF, and on Ajax requests the whole page is replaced.
     */
    private static void render(FacesContext context, String viewId, int status, PhaseId phase) {
        ExternalContext external = context.getExternalContext();
        boolean ajax = context.getPartialViewContext().isAjaxRequest();
        if (external.isResponseCommitted() || (ajax && phase == PhaseId.RENDER_RESPONSE)) {
            context.responseComplete(); // nothing sensible can be sent any more; the incident is logged
            return;
        }
        external.responseReset();
        if (!ajax) {
            external.setResponseStatus(status); // the Faces Ajax client ignores answers that are not 2xx
        }
        ViewHandler views = context.getApplication().getViewHandler();
        UIViewRoot view = views.createView(context, viewId);
        context.setViewRoot(view);
        if (ajax) {
            context.getPartialViewContext().setRenderAll(true);
        }
        try {
            ViewDeclarationLanguage vdl = views.getViewDeclarationLanguage(context, viewId);
            vdl.buildView(context, view);
            context.getApplication().publishEvent(context, PreRenderViewEvent.class, view);
            vdl.renderView(context, view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.responseComplete();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}

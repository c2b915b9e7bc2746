// SPDX-License-Identifier: Apache-2.0
package org.imageshare.platform.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.FacesContext;
import java.util.Optional;
import org.imageshare.platform.control.Conflict;
import org.imageshare.platform.control.ImageShareException;
import org.imageshare.platform.control.InvalidInput;
import org.imageshare.platform.control.NotFound;

/**
 * Faces messages for the pages. A business error becomes a message in one way everywhere: an
 * {@link InvalidInput} against the input whose id is its field (marked invalid), anything else at the top.
 */
public final class Messages {

    private Messages() {
    }

    public static void info(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
    }

    public static void error(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, detail));
    }

    /** Shows a business error on the current page. */
    public static void show(FacesContext context, ImageShareException failure) {
        if (failure instanceof InvalidInput invalid) {
            String text = invalid.getMessage().startsWith(invalid.field() + ": ")
                    ? invalid.getMessage().substring(invalid.field().length() + 2) : invalid.getMessage();
            Optional<UIInput> input = findInput(context, invalid.field());
            if (input.isPresent()) {
                input.get().setValid(false);
                Object label = input.get().getAttributes().get("label");
                String message = (label == null ? "This field" : label.toString()) + " " + text;
                context.addMessage(input.get().getClientId(context),
                        new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
                context.validationFailed();
                return;
            }
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please check your input",
                    invalid.getMessage()));
            context.validationFailed();
            return;
        }
        String summary = failure instanceof Conflict ? "Not possible"
                : failure instanceof NotFound ? "Not found" : "Not possible";
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, failure.getMessage()));
        context.validationFailed();
    }

    private static Optional<UIInput> findInput(FacesContext context, String id) {
        UIInput[] found = new UIInput[1];
        if (context.getViewRoot() == null) {
            return Optional.empty();
        }
        context.getViewRoot().visitTree(VisitContext.createVisitContext(context), (visit, component) -> {
            if (component instanceof UIInput input && id.equals(component.getId()) && isRendered(component)) {
                found[0] = input;
                return VisitResult.COMPLETE;
            }
            return VisitResult.ACCEPT;
        });
        return Optional.ofNullable(found[0]);
    }

    private static boolean isRendered(UIComponent component) {
        for (UIComponent c = component; c != null; c = c.getParent()) {
            if (!c.isRendered()) {
                return false;
            }
        }
        return true;
    }
}

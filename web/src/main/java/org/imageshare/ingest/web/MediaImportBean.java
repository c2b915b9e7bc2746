// SPDX-License-Identifier: Apache-2.0
package org.imageshare.ingest.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.imageshare.ingest.boundary.MediaImport;
import org.imageshare.ingest.control.ImportedObject;
import org.imageshare.ingest.control.MediaImportResult;
import org.imageshare.platform.control.ImageShareException;
import org.imageshare.platform.control.InvalidInput;
import org.primefaces.event.FileUploadEvent;

/**
 * Staff → Import CD: each uploaded file (a ZIP of the CD, or the CD's files one by one) is imported as it
 * arrives; the page lists every file's outcome.
 */
@Named
@ViewScoped
public class MediaImportBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient MediaImport imports;

    private final List<ImportedObject> results = Collections.synchronizedList(new ArrayList<>());

    public void upload(FileUploadEvent event) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String name = event.getFile().getFileName();
        try {
            Path upload = imports.newUploadFile();
            try (InputStream in = event.getFile().getInputStream(); OutputStream out = Files.newOutputStream(upload)) {
                MediaImportResource.copy(in, out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(upload);
                throw e;
            }
            MediaImportResult result = imports.importUpload(name, upload);
            results.addAll(0, result.files());
            String summary = name + ": " + result.stored() + " stored, " + result.duplicates() + " already there, "
                    + result.rejected() + " rejected, " + result.skipped() + " skipped";
            String detail = result.stoppedBecause() == null ? summary : summary + ". " + result.stoppedBecause();
            faces.addMessage(null, new FacesMessage(result.rejected() > 0 || result.stoppedBecause() != null
                    ? FacesMessage.SEVERITY_WARN : FacesMessage.SEVERITY_INFO, detail, detail));
        } catch (ImageShareException e) {
            String message = e instanceof InvalidInput invalid && invalid.field() != null
                    ? e.getMessage().substring(invalid.field().length() + 2) : e.getMessage();
            String text = name + ": " + message;
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        } catch (IOException e) {
            String text = name + ": the upload could not be read";
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        }
    }

    public List<ImportedObject> getResults() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    public long count(String outcome) {
        return getResults().stream().filter(r -> r.outcome().name().equals(outcome)).count();
    }

    public void clear() {
        results.clear();
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.imageshare.pacs.boundary.PacsSearch;
import org.imageshare.pacs.boundary.Retrievals;
import org.imageshare.pacs.control.PacsSearchResult;
import org.imageshare.pacs.control.PacsStudyView;
import org.imageshare.pacs.control.RetrieveItem;
import org.imageshare.pacs.control.RetrieveTaskView;
import org.imageshare.platform.web.Messages;

/** Staff → Pull from PACS: search one patient's studies, retrieve chosen ones, follow the tasks. */
@Named
@ViewScoped
public class PullBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PacsSearch search;

    @Inject
    Retrievals retrievals;

    private String patientId;
    private LocalDate from;
    private LocalDate to;
    private String modality;
    private PacsSearchResult result;
    private List<PacsStudyView> selected = new ArrayList<>();
    private transient List<RetrieveTaskView> tasks;

    public void search() {
        selected = new ArrayList<>();
        result = search.find(patientId, from, to, modality);
    }

    public void retrieve() {
        if (selected == null || selected.isEmpty()) {
            Messages.error("Nothing chosen", "Tick the studies to retrieve first.");
            return;
        }
        List<RetrieveTaskView> started = retrievals.request(selected.stream()
                .map(s -> new RetrieveItem(s.studyInstanceUid(), s.patientId(), s.studyDate() == null ? "" : s.studyDate(),
                        String.join(", ", s.modalities()), s.description(), s.numberOfInstances()))
                .toList());
        Messages.info("Retrieve started", started.size() + (started.size() == 1 ? " study is" : " studies are")
                + " being retrieved; follow the progress below.");
        selected = new ArrayList<>();
        tasks = null;
    }

    public void cancel(RetrieveTaskView task) {
        retrievals.cancel(task.id());
        tasks = null;
    }

    public void retry(RetrieveTaskView task) {
        retrievals.retry(task.id());
        tasks = null;
    }

    /** Re-read by the poll. */
    public void refresh() {
        tasks = null;
    }

    public List<RetrieveTaskView> getTasks() {
        if (tasks == null) {
            tasks = retrievals.recent();
        }
        return tasks;
    }

    /** The poll runs only while some task is not finished. */
    public boolean isAnyRunning() {
        return getTasks().stream().anyMatch(t -> !t.finished());
    }

    public PacsSearchResult getResult() {
        return result;
    }

    public List<PacsStudyView> getSelected() {
        return selected;
    }

    public void setSelected(List<PacsStudyView> selected) {
        this.selected = selected;
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public String getModality() {
        return modality;
    }

    public void setModality(String modality) {
        this.modality = modality;
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.imageshare.audit.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.imageshare.audit.boundary.AuditService;
import org.imageshare.audit.boundary.AuditService.AuditLine;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The audit trail for admins, newest first, loaded one page at a time. */
@Named
@ViewScoped
public class AuditBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditService audit;

    private final LazyDataModel<AuditLine> lines = new AuditLines();

    public LazyDataModel<AuditLine> getLines() {
        return lines;
    }

    private final class AuditLines extends LazyDataModel<AuditLine> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, audit.count());
        }

        @Override
        public List<AuditLine> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return audit.page(first, pageSize);
        }

        @Override
        public String getRowKey(AuditLine line) {
            return Long.toString(line.id());
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.imageshare.pacs.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.imageshare.ingest.boundary.AllowList;
import org.imageshare.ingest.control.AllowedCallerView;
import org.imageshare.pacs.boundary.PacsSettings;
import org.imageshare.pacs.control.ConfiguredPacs;
import org.imageshare.pacs.control.EchoOutcome;
import org.imageshare.platform.web.Messages;

/** Staff → DICOM (admins): the PACS to pull from with "Test connection", and the calling-AE allow-list. */
@Named
@ViewScoped
public class DicomAdminBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PacsSettings pacs;

    @Inject
    AllowList allowList;

    private String aeTitle;
    private String host;
    private Integer port;
    private transient EchoOutcome echo;
    private transient ConfiguredPacs current;
    private boolean loaded;
    private String newAeTitle;
    private String newHost;
    private transient List<AllowedCallerView> callers;

    /** Fills the form from the PACS in use. */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        current = pacs.current().orElse(null);
        if (current != null) {
            aeTitle = current.aeTitle();
            host = current.host();
            port = current.port();
        } else {
            port = 104;
        }
    }

    public void save() {
        current = pacs.save(aeTitle, host, port);
        echo = null;
        Messages.info("PACS saved", "ImageShare searches and retrieves from " + current.label() + ".");
    }

    public void testConnection() {
        echo = pacs.testConnection(aeTitle, host, port);
    }

    public void forget() {
        current = pacs.clear().orElse(null);
        loaded = false;
        load();
        echo = null;
        Messages.info("Saved PACS removed", current == null ? "No PACS is configured now."
                : "The default from the environment applies: " + current.label() + ".");
    }

    public void addCaller() {
        AllowedCallerView added = allowList.add(newAeTitle, newHost);
        Messages.info("Calling AE allowed", added.aeTitle() + (added.host() == null ? " may call from any host."
                : " may call from " + added.host() + ".") + " Other AE titles are now rejected.");
        newAeTitle = null;
        newHost = null;
        callers = null;
    }

    public void removeCaller(AllowedCallerView caller) {
        allowList.remove(caller.id());
        callers = null;
        Messages.info("Calling AE removed", caller.aeTitle() + " was removed from the allow-list.");
    }

    public List<AllowedCallerView> getCallers() {
        if (callers == null) {
            callers = allowList.list();
        }
        return callers;
    }

    /** True when the allow-list is in force but would shut out the PACS's own C-STOREs. */
    public boolean isPacsShutOut() {
        return current != null && !getCallers().isEmpty()
                && getCallers().stream().noneMatch(c -> c.aeTitle().equals(current.aeTitle()));
    }

    public String getOurAeTitle() {
        return pacs.ourAeTitle();
    }

    public ConfiguredPacs getCurrent() {
        return current;
    }

    public EchoOutcome getEcho() {
        return echo;
    }

    public String getAeTitle() {
        return aeTitle;
    }

    public void setAeTitle(String aeTitle) {
        this.aeTitle = aeTitle;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getNewAeTitle() {
        return newAeTitle;
    }

    public void setNewAeTitle(String newAeTitle) {
        this.newAeTitle = newAeTitle;
    }

    public String getNewHost() {
        return newHost;
    }

    public void setNewHost(String newHost) {
        this.newHost = newHost;
    }
}

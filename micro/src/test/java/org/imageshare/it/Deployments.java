// SPDX-License-Identifier: Apache-2.0
package org.imageshare.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The in-container tests run against the real WAR the build made, with their own test classes added. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive realWar() {
        return ShrinkWrap.create(ZipImporter.class, "imageshare.war")
                .importFrom(new File(System.getProperty("imageshare.war", "target/imageshare.war")))
                .as(WebArchive.class)
                .addClass(Deployments.class);
    }
}

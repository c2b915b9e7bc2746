// SPDX-License-Identifier: Apache-2.0
package org.imageshare.sharing.web;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.imageshare.dicom.render.RenderResult;
import org.imageshare.dicom.render.Window;
import org.imageshare.platform.control.ImageShareConfig;
import org.imageshare.platform.control.ImageShareException;
import org.imageshare.platform.control.NotFound;
import org.imageshare.platform.web.ClientAddress;
import org.imageshare.sharing.boundary.ShareAccess;
import org.imageshare.sharing.control.ShareGrant;
import org.imageshare.sharing.control.ShareLinks;
import org.imageshare.sharing.control.ShareOutcome;
import org.imageshare.viewer.boundary.ShareViewer;
import org.imageshare.viewer.control.ViewerStart;
import org.imageshare.viewer.web.ViewerApi;
import org.imageshare.viewer.web.ViewerPage;

/**
 * The physician's side of a share link, no sign-in: {@code /s/{token}} opens the viewer on the shared study
 * when the link has no access code and one study ({@link ShareViewerPage}: the first image in one navigation),
 * else shows the shared studies (after the access code, when the link has one) — counted and audited alike; {@code /s/{token}/viewer…}, {@code /s/{token}/download…} and
 * {@code /s/{token}/dicomweb…} are authorized here on every request and handed, by named dispatch, to the
 * servlets {@value #VIEWER}, {@value #DOWNLOAD} and {@value #DICOMWEB} (issue 5, {@link ShareHandlers}) with
 * the {@link ShareGrant} in the request attribute {@value #GRANT_ATTRIBUTE} — except the viewer's rendered
 * frames, authorized the same way and answered here directly ({@link FrameRequest}: hundreds per study, each
 * worth sparing the forward and the JAX-RS hop).
 *
 * <p>Every dead link gets the same neutral 404 page. Answers carry {@code X-Robots-Tag: noindex} on top of
 * the filter's {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}. The access-code form
 * needs no CSRF token: it can only try a code for a link whose secret token the poster already knows.
 */
@WebServlet(urlPatterns = "/s/*", loadOnStartup = 2)
public class ShareLandingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The grant cookie after a correct access code; its path is the link's own, so links don't mix. */
    public static final String GRANT_COOKIE = "IMAGESHARE_SHARE_GRANT";
    public static final String GRANT_ATTRIBUTE = "org.imageshare.sharing.grant";
    public static final String VIEWER = "share-viewer";
    public static final String DOWNLOAD = "share-download";
    public static final String DICOMWEB = "share-dicomweb";
    /** A PNG: nothing in it may run or load anything. */
    private static final String IMAGE_CSP = "default-src 'none'; frame-ancestors 'none'";
    /** The link's path within the application, {@code /s/<token>}, next to the grant for the handlers. */
    public static final String LINK_PATH_ATTRIBUTE = "org.imageshare.sharing.link-path";

    @Inject
    ShareAccess access;

    @Inject
    ClientAddress clientAddress;

    @Inject
    ImageShareConfig config;

    @Inject
    ShareViewer viewer;

    /** See {@link #oneOfFewOpens}. */
    private static final long OPEN_WAIT_SECONDS = 20;
    private transient Semaphore opens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Path path = Path.of(request);
        if (path.rest().isEmpty()) {
            oneOfFewOpens(request, response, () -> answer(request, response, path, access.open(path.token(), null,
                    grantCookie(request), clientAddress.of(request), request.getHeader("User-Agent"))));
            return;
        }
        Optional<FrameRequest> frame = FrameRequest.of(path.rest(), request);
        if (frame.isPresent() && frame(request, response, path, frame.get())) {
            return;
        }
        String handler = under(path.rest(), "/viewer") ? VIEWER : under(path.rest(), "/download") ? DOWNLOAD
                : under(path.rest(), "/dicomweb") ? DICOMWEB : null;
        Optional<ShareGrant> grant = access.authorize(path.token(), grantCookie(request), clientAddress.of(request));
        if (grant.isEmpty() || handler == null) {
            unavailable(request, response);
            return;
        }
        RequestDispatcher dispatcher = getServletContext().getNamedDispatcher(handler);
        if (dispatcher == null) {
            html(response, 404, LandingPages.notYetAvailable(request.getContextPath(), config.hospitalName()));
            return;
        }
        request.setAttribute(GRANT_ATTRIBUTE, grant.get());
        request.setAttribute(LINK_PATH_ATTRIBUTE, ShareLinks.LANDING_PATH + path.token());
        dispatcher.forward(request, response);
    }

    /**
     * A rendered frame of the viewer, answered here without the forward and the JAX-RS hop (the viewer asks for
     * hundreds while scrolling): the link authorized as for every request (a revoke stops the next frame), the
     * frame from {@link ShareViewer} (its scope check, the render cache). False when the request is to go the
     * general way after all: anything {@link ShareViewer} refuses, so that errors answer exactly as there.
     */
    private boolean frame(HttpServletRequest request, HttpServletResponse response, Path path, FrameRequest frame)
            throws IOException {
        Optional<ShareGrant> grant = access.authorize(path.token(), grantCookie(request), clientAddress.of(request));
        if (grant.isEmpty()) {
            unavailable(request, response);
            return true;
        }
        RenderResult result;
        try {
            result = viewer.frame(grant.get(), frame.study(), frame.sop(), frame.number(), frame.window(),
                    frame.size());
        } catch (ImageShareException e) {
            return false;
        }
        if (!(result instanceof RenderResult.Rendered rendered)) {
            return false;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("image/png");
        response.setHeader("Content-Security-Policy", IMAGE_CSP);
        if (rendered.window() != null) {
            response.setHeader("X-Window-Center", ViewerApi.format(rendered.window().center()));
            response.setHeader("X-Window-Width", ViewerApi.format(rendered.window().width()));
        }
        byte[] png = rendered.png();
        response.setContentLength(png.length);
        response.getOutputStream().write(png);
        return true;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Path path = Path.of(request);
        if (!path.rest().isEmpty()) {
            unavailable(request, response);
            return;
        }
        String code = request.getParameter("accessCode");
        oneOfFewOpens(request, response, () -> answer(request, response, path, access.open(path.token(),
                code == null ? "" : code, grantCookie(request), clientAddress.of(request),
                request.getHeader("User-Agent"))));
    }

    /**
     * At deployment (load on startup), not at the first physician's open: also the viewer page's asset version,
     * which the first open would otherwise compute while the physician waits.
     */
    @Override
    public void init() {
        int configured = config.integer("imageshare.share.concurrent-opens");
        opens = new Semaphore(configured > 0 ? configured : Runtime.getRuntime().availableProcessors(), true);
        ViewerPage.of(getServletContext());
    }

    /**
     * Runs an open of a link (counted and audited: a few statements and a commit, and the viewer's first data)
     * when fewer than {@code imageshare.share.concurrent-opens} (0: one per core) are under way, else after
     * them, first come first served. Measured with 50 clients opening one link on 2 cores (embedded H2): with
     * every request in the database at once they queued on the link's row and the audit sequence and woke
     * each other at every commit (p99 0.8–1.4 s); with 2 at a time, p99 50–130 ms at 600–1600 opens/s. A
     * database over the network (PostgreSQL) may want more. After {@value #OPEN_WAIT_SECONDS} s: 503.
     */
    private void oneOfFewOpens(HttpServletRequest request, HttpServletResponse response, Open open)
            throws IOException {
        boolean admitted;
        try {
            admitted = opens.tryAcquire(OPEN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "5");
            html(response, 503, LandingPages.busy(request.getContextPath(), config.hospitalName()));
            return;
        }
        try {
            open.run();
        } finally {
            opens.release();
        }
    }

    @FunctionalInterface
    private interface Open {
        void run() throws IOException;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, Path path, ShareOutcome outcome)
            throws IOException {
        String self = request.getContextPath() + "/s/" + path.token();
        if (outcome instanceof ShareOutcome.Granted granted) {
            if (granted.grantCookie() != null) {
                response.addCookie(grantCookie(request, self, granted.grantCookie(), granted.grantUntil()));
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", self);
                robots(response);
                return;
            }
            ShareGrant grant = granted.grant();
            if (!grant.accessCode() && grant.studies().size() == 1) {
                // no access code, one study: the link opens the viewer itself (one navigation to the first image)
                Optional<ViewerStart> start = start(grant, grant.studies().get(0).studyInstanceUid());
                if (start.isPresent()) {
                    response.setHeader("Content-Security-Policy", ViewerPage.CSP);
                    html(response, 200, ShareViewerPage.html(getServletContext(), request.getContextPath(), self, null,
                            config.hospitalName(), grant, start.get()));
                    return;
                }
            }
            html(response, 200, LandingPages.landing(request.getContextPath(), config.hospitalName(),
                    config.helpContact(), self, grant));
        } else if (outcome instanceof ShareOutcome.CodeRequired required) {
            html(response, 200,
                    LandingPages.codeForm(request.getContextPath(), config.hospitalName(), self, required.wrongCode()));
        } else if (outcome instanceof ShareOutcome.Throttled throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfter().toSeconds()));
            html(response, 429, LandingPages.throttled(request.getContextPath(), config.hospitalName()));
        } else {
            unavailable(request, response);
        }
    }

    private Optional<ViewerStart> start(ShareGrant grant, String studyUid) {
        try {
            return Optional.of(viewer.start(grant, studyUid));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    private void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        html(response, 404, LandingPages.unavailable(request.getContextPath(), config.hospitalName(),
                config.helpContact()));
    }

    private static void html(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        robots(response);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }

    private static void robots(HttpServletResponse response) {
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }

    private static String grantCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (GRANT_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static Cookie grantCookie(HttpServletRequest request, String path, String value, Instant until) {
        Cookie cookie = new Cookie(GRANT_COOKIE, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(path);
        cookie.setMaxAge((int) Math.max(1, Duration.between(Instant.now(), until).toSeconds()));
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }

    /** {@code rest} is {@code prefix} itself or below it ({@code /viewer}, {@code /viewer/…}, {@code /viewer?…}). */
    private static boolean under(String rest, String prefix) {
        return rest.equals(prefix) || rest.startsWith(prefix + "/");
    }

    /**
     * {@code /viewer/studies/<study>/instances/<sop>/frames/<n>/rendered[?wc=&ww=][&size=]} as the viewer asks
     * for it; anything else (other parameters, a half window, numbers that do not parse) is left to
     * {@link ViewerApi}, which answers it as before.
     */
    record FrameRequest(String study, String sop, int number, Optional<Window> window, int size) {

        private static final java.util.regex.Pattern FRAME = java.util.regex.Pattern.compile(
                "/viewer/studies/([0-9.]{1,64})/instances/([0-9.]{1,64})/frames/([1-9][0-9]{0,5})/rendered");

        static Optional<FrameRequest> of(String rest, HttpServletRequest request) {
            java.util.regex.Matcher m = FRAME.matcher(rest);
            if (!m.matches()) {
                return Optional.empty();
            }
            for (String name : request.getParameterMap().keySet()) {
                if (!name.equals("wc") && !name.equals("ww") && !name.equals("size")) {
                    return Optional.empty();
                }
            }
            String wc = request.getParameter("wc");
            String ww = request.getParameter("ww");
            String size = request.getParameter("size");
            try {
                Optional<Window> window = Optional.empty();
                if (wc != null || ww != null) {
                    if (wc == null || ww == null) {
                        return Optional.empty();
                    }
                    window = Optional.of(new Window(Double.parseDouble(wc), Double.parseDouble(ww)));
                }
                return Optional.of(new FrameRequest(m.group(1), m.group(2), Integer.parseInt(m.group(3)), window,
                        size == null ? 0 : Integer.parseInt(size)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** {@code /s/<token><rest>}: the token (whatever was there, also empty) and what follows it. */
    record Path(String token, String rest) {
        static Path of(HttpServletRequest request) {
            String info = request.getPathInfo() == null ? "" : request.getPathInfo();
            String tail = info.startsWith("/") ? info.substring(1) : info;
            int slash = tail.indexOf('/');
            return slash < 0 ? new Path(tail, "") : new Path(tail.substring(0, slash), tail.substring(slash));
        }
    }
}

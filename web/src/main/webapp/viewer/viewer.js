// SPDX-License-Identifier: Apache-2.0
// ImageShare viewer: plain JS + canvas, no inline code (strict CSP), independent of the route: the page names
// its API base in data-api (the study UID and "/" are appended). When the page carries the study's series and
// first instance list (#viewer-data, JSON), the first image is asked for at once, without those two requests.
(function () {
    'use strict';

    const root = document.getElementById('viewer');
    const canvas = document.getElementById('canvas');
    const ctx = canvas.getContext('2d');
    const stage = document.getElementById('stage');
    const strip = document.getElementById('strip');
    const slider = document.getElementById('slider');
    const notice = document.getElementById('notice');
    const ovSeries = document.getElementById('ov-series');
    const ovImage = document.getElementById('ov-image');
    const ovWindow = document.getElementById('ov-window');
    const presetSelect = document.getElementById('preset');
    const cineButton = document.getElementById('cine');
    let first = document.getElementById('first'); // the page's first image under the canvas, until it shows one

    const dataBlock = document.getElementById('viewer-data');
    const data = dataBlock ? JSON.parse(dataBlock.textContent) : null;
    const study = (data && data.study) || new URLSearchParams(location.search).get('study') || '';
    const api = root.dataset.api + encodeURIComponent(study) + '/';
    const CACHE_LIMIT = 160;

    const state = {
        series: [], seriesIndex: -1, images: [], index: 0,
        window: null,          // user-chosen {c, w}; null = the object's own
        shown: null,           // {c, w} of the image on screen
        zoom: 1, panX: 0, panY: 0, tool: 'wl',
        bitmap: null, token: 0, cine: null, loadingWindow: false
    };
    const cache = new Map();   // url -> Promise<{bitmap, c, w}>

    // --- data

    function getJson(path) {
        return fetch(api + path, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
            .then(r => {
                if (!r.ok) {
                    throw new Error(r.status === 404 ? 'This study is not available.' : 'The images could not be loaded (' + r.status + ').');
                }
                return r.json();
            });
    }

    function frameUrl(i, win) {
        const img = state.images[i];
        let url = api + 'instances/' + encodeURIComponent(img.sop) + '/frames/' + img.frame + '/rendered';
        if (win) {
            url += '?wc=' + encodeURIComponent(round(win.c)) + '&ww=' + encodeURIComponent(round(win.w));
        }
        return url;
    }

    function load(url) {
        let p = cache.get(url);
        if (p) {
            cache.delete(url);
            cache.set(url, p);
            return p;
        }
        return remember(url, fetchFrame(url));
    }

    function remember(url, p) {
        p.catch(() => cache.delete(url));
        cache.set(url, p);
        while (cache.size > CACHE_LIMIT) {
            cache.delete(cache.keys().next().value);
        }
        return p;
    }

    // The page's first image, when the page names the window it was drawn at (it was rendered before the page
    // was made): drawn from the <img> the browser has already asked for, not asked for a second time. Should the
    // <img> fail, the frame is fetched as any other.
    function seedFirst() {
        if (!first || !data || !data.first) {
            return;
        }
        const url = first.getAttribute('src');
        const win = data.first.window;
        remember(url, first.decode().then(() => createImageBitmap(first)).then(bitmap => ({
            bitmap, c: win ? win.center : null, w: win ? win.width : null
        })).catch(() => fetchFrame(url)));
    }

    function fetchFrame(url) {
        return fetch(url, {credentials: 'same-origin'}).then(r => {
            if (r.status === 422) {
                return r.json().then(j => ({notRenderable: true, reason: j.reason || ''}));
            }
            if (!r.ok) {
                throw new Error('status ' + r.status);
            }
            const c = parseFloat(r.headers.get('X-Window-Center'));
            const w = parseFloat(r.headers.get('X-Window-Width'));
            return r.blob().then(b => createImageBitmap(b)).then(bitmap => ({
                bitmap, c: isNaN(c) ? null : c, w: isNaN(w) ? null : w
            }));
        });
    }

    // --- drawing

    function resize() {
        const dpr = window.devicePixelRatio || 1;
        const w = Math.max(1, Math.round(stage.clientWidth * dpr));
        const h = Math.max(1, Math.round(stage.clientHeight * dpr));
        if (canvas.width !== w || canvas.height !== h) {
            canvas.width = w;
            canvas.height = h;
        }
        draw();
    }

    function draw() {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        const b = state.bitmap;
        if (!b) {
            ctx.clearRect(0, 0, canvas.width, canvas.height); // the stage is black; the page's first image shows
            return;
        }
        dropFirst();
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        const dpr = window.devicePixelRatio || 1;
        const fit = Math.min(canvas.width / b.width, canvas.height / b.height);
        const scale = fit * state.zoom;
        const x = (canvas.width - b.width * scale) / 2 + state.panX * dpr;
        const y = (canvas.height - b.height * scale) / 2 + state.panY * dpr;
        ctx.imageSmoothingEnabled = scale < 1.5;
        ctx.drawImage(b, x, y, b.width * scale, b.height * scale);
    }

    function dropFirst() {
        if (first) {
            first.remove();
            first = null;
        }
    }

    function show(i) {
        if (!state.images.length) {
            return;
        }
        i = Math.max(0, Math.min(state.images.length - 1, i));
        state.index = i;
        slider.value = String(i + 1);
        const token = ++state.token;
        const win = state.window;
        updateOverlay();
        load(frameUrl(i, win)).then(result => {
            if (token !== state.token) {
                return;
            }
            if (result.notRenderable) {
                dropFirst();
                state.bitmap = null;
                draw();
                showNotice(true);
                root.dataset.state = 'not-renderable';
                return;
            }
            showNotice(false);
            state.bitmap = result.bitmap;
            state.shown = result.c === null ? null : {c: result.c, w: result.w};
            draw();
            updateOverlay();
            root.dataset.index = String(i);
            root.dataset.state = 'painted';
            root.dataset.window = state.shown ? round(state.shown.c) + '/' + round(state.shown.w) : '';
            if (window.performance && !window.__imageshareFirstPaint) {
                window.__imageshareFirstPaint = performance.now();
            }
            loadThumbnails();
            prefetch(i, win);
        }, () => {
            if (token === state.token) {
                dropFirst();
                root.dataset.state = 'error';
                showNotice(true, 'This image could not be loaded. Try again later.');
            }
        });
    }

    function prefetch(i, win) {
        if (state.loadingWindow) {
            return;
        }
        for (const d of [1, 2, -1, 3, 4]) {
            const j = i + d;
            if (j >= 0 && j < state.images.length) {
                load(frameUrl(j, win)).catch(() => {});
            }
        }
    }

    function showNotice(on, text) {
        notice.hidden = !on;
        if (on) {
            notice.textContent = text || 'This image cannot be shown in the browser. Download the study to view it.';
        }
    }

    function updateOverlay() {
        const s = state.series[state.seriesIndex];
        ovSeries.textContent = s ? seriesLabel(s) : '';
        const total = state.total || state.images.length;
        ovImage.textContent = total ? 'Image ' + (state.index + 1) + ' / ' + total : '';
        const win = state.window || state.shown;
        ovWindow.textContent = (win ? 'W ' + round(win.w) + '  L ' + round(win.c) : '')
            + (state.zoom !== 1 ? '\nZoom ' + Math.round(state.zoom * 100) + '%' : '');
    }

    function seriesLabel(s) {
        return [s.modality, s.seriesNumber != null ? '#' + s.seriesNumber : null, s.description]
            .filter(Boolean).join(' ');
    }

    function round(v) {
        return Math.round(v * 10) / 10;
    }

    // --- series

    function selectSeries(k, known) {
        if (k === state.seriesIndex) {
            return;
        }
        stopCine();
        if (state.seriesIndex >= 0) {
            dropFirst(); // another series than the one the page's first image is of
        }
        state.seriesIndex = k;
        state.images = [];
        state.index = 0;
        state.total = null;
        state.bitmap = null;
        state.window = null;
        state.shown = null;
        state.zoom = 1; state.panX = 0; state.panY = 0;
        presetSelect.value = '';
        Array.from(strip.children).forEach((b, j) => {
            b.classList.toggle('selected', j === k);
            b.setAttribute('aria-current', j === k ? 'true' : 'false');
        });
        draw();
        const s = state.series[k];
        updateOverlay();
        if (s.firstSopInstanceUid) {
            // the first image is asked for at once, while the instance list is on its way
            state.images = [{sop: s.firstSopInstanceUid, frame: 1, frames: 1}];
            state.total = s.numberOfInstances;
            show(0);
        }
        const listed = known ? Promise.resolve(known)
            : getJson('series/' + encodeURIComponent(s.seriesInstanceUid) + '/instances');
        return listed.then(list => {
            if (state.seriesIndex !== k) {
                return;
            }
            const images = [];
            list.forEach(inst => {
                for (let f = 1; f <= Math.max(1, inst.frames); f++) {
                    images.push({sop: inst.sopInstanceUid, frame: f, frames: inst.frames});
                }
            });
            state.images = images;
            state.total = null;
            root.dataset.images = String(images.length);
            slider.max = String(Math.max(1, images.length));
            slider.disabled = images.length < 2;
            cineButton.disabled = images.length < 2;
            show(state.index);
        }, fail);
    }

    function buildStrip() {
        strip.textContent = '';
        state.series.forEach((s, k) => {
            const b = document.createElement('button');
            b.type = 'button';
            b.dataset.series = s.seriesInstanceUid;
            const img = document.createElement('img');
            img.alt = '';
            img.loading = k < 8 ? 'eager' : 'lazy';
            // asked for after the first image, which they would otherwise slow down
            img.dataset.src = api + 'series/' + encodeURIComponent(s.seriesInstanceUid) + '/thumbnail';
            img.addEventListener('error', () => { img.classList.add('broken'); img.removeAttribute('src'); });
            const label = document.createElement('span');
            label.textContent = (seriesLabel(s) || 'Series') + ' (' + s.numberOfInstances + ')';
            b.append(img, label);
            b.addEventListener('click', () => selectSeries(k));
            strip.append(b);
        });
    }

    let thumbnailsAsked = false;

    function loadThumbnails() {
        if (thumbnailsAsked) {
            return;
        }
        thumbnailsAsked = true;
        strip.querySelectorAll('img[data-src]').forEach(img => {
            img.src = img.dataset.src;
        });
    }

    function fail(e) {
        loadThumbnails();
        root.dataset.state = 'error';
        showNotice(true, e && e.message ? e.message : 'The images could not be loaded.');
    }

    // --- window / level

    function currentWindow() {
        return state.window || state.shown || {c: 128, w: 256};
    }

    function setWindow(win) {
        state.window = win;
        updateOverlay();
        requestWindowed();
    }

    // one request in flight while dragging; the latest window wins
    function requestWindowed() {
        if (state.loadingWindow) {
            state.windowDirty = true;
            return;
        }
        state.loadingWindow = true;
        state.windowDirty = false;
        const i = state.index;
        const win = state.window;
        const token = ++state.token;
        load(frameUrl(i, win)).then(result => {
            state.loadingWindow = false;
            if (token === state.token && !result.notRenderable) {
                state.bitmap = result.bitmap;
                state.shown = result.c === null ? null : {c: result.c, w: result.w};
                draw();
                root.dataset.window = state.shown ? round(state.shown.c) + '/' + round(state.shown.w) : '';
                root.dataset.state = 'painted';
            }
            if (state.windowDirty) {
                requestWindowed();
            } else {
                prefetch(state.index, state.window);
            }
        }, () => { state.loadingWindow = false; });
    }

    // --- input

    function setTool(tool) {
        state.tool = tool;
        document.querySelectorAll('[data-tool]').forEach(b => {
            const on = b.dataset.tool === tool;
            b.classList.toggle('active', on);
            b.setAttribute('aria-pressed', on ? 'true' : 'false');
        });
    }

    const pointers = new Map();
    let drag = null;

    canvas.addEventListener('pointerdown', e => {
        canvas.setPointerCapture(e.pointerId);
        pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
        if (pointers.size === 2) {
            const [a, b] = Array.from(pointers.values());
            drag = {pinch: true, dist: Math.hypot(a.x - b.x, a.y - b.y), zoom: state.zoom};
        } else {
            const tool = e.button === 2 || e.shiftKey ? 'pan' : e.button === 1 ? 'scroll' : state.tool;
            drag = {tool, x: e.clientX, y: e.clientY, win: currentWindow(), panX: state.panX, panY: state.panY,
                index: state.index};
        }
        e.preventDefault();
    });

    canvas.addEventListener('pointermove', e => {
        if (!pointers.has(e.pointerId) || !drag) {
            return;
        }
        pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
        if (drag.pinch && pointers.size === 2) {
            const [a, b] = Array.from(pointers.values());
            state.zoom = clampZoom(drag.zoom * Math.hypot(a.x - b.x, a.y - b.y) / Math.max(1, drag.dist));
            draw();
            updateOverlay();
            return;
        }
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (drag.tool === 'wl') {
            const step = Math.max(1, drag.win.w / 256);
            // whole numbers: readable in the overlay, and more renderings shared through the caches
            setWindow({c: Math.round(drag.win.c + dy * step), w: Math.max(1, Math.round(drag.win.w + dx * step))});
            presetSelect.value = '';
        } else if (drag.tool === 'pan') {
            state.panX = drag.panX + dx;
            state.panY = drag.panY + dy;
            draw();
        } else if (drag.tool === 'scroll') {
            const perImage = Math.max(4, stage.clientHeight / Math.max(1, state.images.length) / 1.5);
            show(drag.index + Math.round(dy / perImage));
        }
    });

    function endPointer(e) {
        pointers.delete(e.pointerId);
        if (pointers.size === 0) {
            drag = null;
        }
    }
    canvas.addEventListener('pointerup', endPointer);
    canvas.addEventListener('pointercancel', endPointer);
    canvas.addEventListener('contextmenu', e => e.preventDefault());

    stage.addEventListener('wheel', e => {
        e.preventDefault();
        if (e.ctrlKey || state.tool === 'pan') {
            state.zoom = clampZoom(state.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
            draw();
            updateOverlay();
        } else if (e.deltaY !== 0) {
            show(state.index + (e.deltaY > 0 ? 1 : -1));
        }
    }, {passive: false});

    document.addEventListener('keydown', e => {
        if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement && e.target !== slider) {
            return;
        }
        const keys = {ArrowDown: 1, ArrowRight: 1, PageDown: 10, ArrowUp: -1, ArrowLeft: -1, PageUp: -10};
        if (e.key in keys) {
            show(state.index + keys[e.key]);
            e.preventDefault();
        } else if (e.key === 'Home') {
            show(0);
            e.preventDefault();
        } else if (e.key === 'End') {
            show(state.images.length - 1);
            e.preventDefault();
        }
    });

    slider.addEventListener('input', () => show(parseInt(slider.value, 10) - 1));

    function clampZoom(z) {
        return Math.max(0.25, Math.min(16, z));
    }

    document.querySelectorAll('[data-tool]').forEach(b => b.addEventListener('click', () => setTool(b.dataset.tool)));

    presetSelect.addEventListener('change', () => {
        const v = presetSelect.value;
        if (v === 'default') {
            state.window = null;
            show(state.index);
        } else if (v) {
            const [c, w] = v.split(',').map(Number);
            setWindow({c, w});
        }
    });

    document.getElementById('reset').addEventListener('click', () => {
        state.zoom = 1; state.panX = 0; state.panY = 0;
        state.window = null;
        presetSelect.value = '';
        show(state.index);
    });

    function stopCine() {
        if (state.cine) {
            clearInterval(state.cine);
            state.cine = null;
        }
        cineButton.setAttribute('aria-pressed', 'false');
    }

    cineButton.addEventListener('click', () => {
        if (state.cine) {
            stopCine();
            return;
        }
        cineButton.setAttribute('aria-pressed', 'true');
        state.cine = setInterval(() => show((state.index + 1) % Math.max(1, state.images.length)), 100);
    });

    window.addEventListener('resize', resize);

    // --- start

    resize();
    seedFirst();
    if (!study) {
        fail(new Error('No study was given.'));
        return;
    }
    (data ? Promise.resolve(data.series) : getJson('series')).then(list => {
        state.series = list;
        buildStrip();
        if (!list.length) {
            fail(new Error('This study has no images.'));
            return;
        }
        selectSeries(0, data && data.instances && data.instances.length ? data.instances : null);
        setTimeout(loadThumbnails, 2000);
    }, fail);
})();

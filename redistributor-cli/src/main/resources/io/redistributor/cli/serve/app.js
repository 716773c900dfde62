// The colour-matching page of `redistributor serve`: plain JavaScript over the JSON API
// (see docs/serve.md). No build step; served as it is from the jar.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { info: null, source: null, reference: null, job: null, timer: null, debounce: null };
const CHANNEL_COLOURS = { red: '#d62728', green: '#2ca02c', blue: '#1f77b4', grey: '#444' };

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}

function setStatus(text, progress) {
  $('status-text').textContent = text;
  if (progress === null) {
    $('progress').removeAttribute('value');
  } else {
    $('progress').value = progress;
  }
}

/** The error text of a failed API answer (its JSON body names the problem). */
async function errorOf(response) {
  try {
    const body = await response.json();
    return body.error || ('HTTP ' + response.status);
  } catch (e) {
    return 'HTTP ' + response.status;
  }
}

function describe(img) {
  return img.name + ': ' + img.width + ' × ' + img.height + ', ' + img.bitDepth + '-bit ' +
    (img.channels === 1 ? 'grey' : 'RGB') + (img.alpha ? ' + alpha' : '') + ', ' + (img.format || '?');
}

function setImage(slot, img) {
  state[slot] = img;
  const el = $(slot + '-img');
  el.src = img.preview;
  el.alt = img.name;
  el.hidden = false;
  $(slot + '-meta').textContent = describe(img);
  $('match').disabled = !(state.source && state.reference);
  scheduleMatch(0);
}

/** Uploads a file with upload progress, checking the size limit first. */
function upload(slot, file) {
  showError('');
  if (state.info && file.size > state.info.maxUploadBytes) {
    showError(file.name + ' is ' + file.size + ' bytes, above the upload limit of ' +
      state.info.maxUploadBytes + ' bytes.');
    return;
  }
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/images?name=' + encodeURIComponent(file.name));
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) {
      setStatus('Uploading ' + file.name + '…', e.loaded / e.total);
    }
  };
  xhr.onload = () => {
    let body = null;
    try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
    if (xhr.status === 201 && body) {
      setStatus('Uploaded ' + file.name + '.', 1);
      setImage(slot, body);
    } else {
      setStatus('Upload refused.', 0);
      showError((body && body.error) || ('upload failed: HTTP ' + xhr.status));
    }
  };
  xhr.onerror = () => showError('upload failed: the server did not answer');
  setStatus('Uploading ' + file.name + '…', 0);
  xhr.send(file);
}

async function useExample(slot, name) {
  if (!name) {
    return;
  }
  showError('');
  const r = await fetch('/api/images?example=' + encodeURIComponent(name), { method: 'POST' });
  if (r.status === 201) {
    setImage(slot, await r.json());
  } else {
    showError(await errorOf(r));
  }
}

function wireSlot(slot) {
  const drop = $(slot + '-drop');
  $(slot + '-file').addEventListener('change', (e) => {
    if (e.target.files.length) {
      upload(slot, e.target.files[0]);
    }
  });
  $(slot + '-example').addEventListener('change', (e) => useExample(slot, e.target.value));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) {
      upload(slot, e.dataTransfer.files[0]);
    }
  });
}

function scheduleMatch(delay) {
  clearTimeout(state.debounce);
  if (state.source && state.reference) {
    state.debounce = setTimeout(runMatch, delay);
  }
}

/** Starts a match; the server cancels the one in flight, and this page stops following it. */
async function runMatch() {
  showError('');
  clearTimeout(state.timer);
  const form = new URLSearchParams({
    source: state.source.id,
    reference: state.reference.id,
    method: $('method').value,
    space: $('space').value,
    regrain: $('regrain').checked,
    strength: $('strength').value,
    seed: $('seed').value || '0'
  });
  $('result').dataset.state = 'running';
  setStatus('Starting…', null);
  const r = await fetch('/api/match', { method: 'POST', body: form });
  if (!r.ok) {
    $('result').dataset.state = 'failed';
    setStatus('Not started.', 0);
    showError(await errorOf(r));
    return;
  }
  const job = await r.json();
  state.job = job.id;
  follow(job);
}

function follow(job) {
  if (job.id !== state.job) {
    return; // a newer match replaced this one
  }
  const seconds = (job.elapsedMs / 1000).toFixed(1) + ' s';
  if (job.state === 'queued' || job.state === 'running') {
    setStatus(job.stage.charAt(0).toUpperCase() + job.stage.slice(1) + '… ' + seconds, job.progress);
    state.timer = setTimeout(async () => {
      const r = await fetch('/api/jobs/' + job.id);
      if (r.ok) {
        follow(await r.json());
      } else if (job.id === state.job) {
        showError(await errorOf(r));
      }
    }, 150);
    return;
  }
  if (job.state === 'done') {
    setStatus('Done in ' + seconds + '.', 1);
    showResult(job);
  } else {
    $('result').dataset.state = job.state;
    setStatus(job.state === 'failed' ? 'Failed.' : 'Cancelled.', 0);
    if (job.error) {
      showError(job.error);
    }
  }
}

function showResult(job) {
  const img = $('result-img');
  img.onload = () => {
    $('result').dataset.state = 'done';
    $('result').dataset.job = job.id;
  };
  img.onerror = () => {
    $('result').dataset.state = 'failed';
    showError('The result preview could not be shown.');
  };
  $('compare-before').src = state.source.preview;
  img.src = job.result.preview;
  $('compare').hidden = false;
  const link = $('download');
  link.href = job.result.download;
  link.download = job.result.name;
  link.title = describe(job.result);
  link.hidden = false;
  showMetrics(job.metrics);
  drawCurves(job.curves);
  $('details').hidden = false;
}

function showMetrics(m) {
  const f = (v) => v.toFixed(2);
  const rows = [['Colour distance (sliced)', f(m.distanceBefore), f(m.distance)]];
  const names = m.channelDistance.length === 1 ? ['L*'] : ['L*', 'a*', 'b*'];
  names.forEach((n, i) => rows.push(['Distance in ' + n, f(m.channelDistanceBefore[i]), f(m.channelDistance[i])]));
  rows.push(['Luminance SSIM to source', '1', m.ssim.toFixed(4)]);
  const body = $('metrics').tBodies[0];
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement('tr');
    row.forEach((cell) => {
      const td = document.createElement('td');
      td.textContent = cell;
      tr.appendChild(td);
    });
    return tr;
  }));
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(name, attrs, text) {
  const el = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
  if (text) {
    el.textContent = text;
  }
  return el;
}

/** Plots each channel's mean result value against the source value, both on [0, 1]. */
function drawCurves(c) {
  const size = 200;
  const plot = $('curves');
  const parts = [
    svg('rect', { x: 0, y: 0, width: size, height: size, fill: 'none', stroke: '#d5dbe1' }),
    svg('line', { x1: 0, y1: size, x2: size, y2: 0, stroke: '#aaa', 'stroke-dasharray': '4 3' }),
    svg('text', { x: size / 2, y: size + 22, 'text-anchor': 'middle' }, 'source value'),
    svg('text', { x: -size / 2, y: -8, transform: 'rotate(-90)', 'text-anchor': 'middle' }, 'result value'),
    svg('text', { x: 0, y: size + 11, 'text-anchor': 'middle' }, '0'),
    svg('text', { x: size, y: size + 11, 'text-anchor': 'middle' }, '1')
  ];
  c.channels.forEach((name, k) => {
    let d = '';
    let pen = 'M';
    c.output[k].forEach((v, i) => {
      if (v === null) {
        pen = 'M';
        return;
      }
      d += pen + (c.input[i] * size).toFixed(1) + ' ' + ((1 - v) * size).toFixed(1) + ' ';
      pen = 'L';
    });
    parts.push(svg('path', { d: d, fill: 'none', stroke: CHANNEL_COLOURS[name], 'stroke-width': 1.6,
      'data-channel': name }));
  });
  plot.replaceChildren(...parts);
}

function moveSlider() {
  const x = $('slider').value;
  $('result-img').style.clipPath = 'inset(0 0 0 ' + x + '%)';
  $('divider').style.left = x + '%';
}

function fill(select, values, chosen) {
  values.forEach((v) => {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = v;
    o.selected = v === chosen;
    select.appendChild(o);
  });
}

async function init() {
  const r = await fetch('/api');
  if (!r.ok) {
    showError(await errorOf(r));
    return;
  }
  const info = await r.json();
  state.info = info;
  fill($('method'), info.methods, info.defaults.method);
  fill($('space'), info.spaces, info.defaults.space);
  fill($('source-example'), info.examples, null);
  fill($('reference-example'), info.examples, null);
  $('limits').textContent = 'Uploads up to ' + Math.round(info.maxUploadBytes / 1048576) + ' MiB and ' +
    (info.maxPixels / 1e6) + ' megapixels.';
  wireSlot('source');
  wireSlot('reference');
  ['method', 'space', 'regrain', 'seed'].forEach((id) => $(id).addEventListener('change', () => scheduleMatch(0)));
  $('strength').addEventListener('input', () => {
    $('strength-value').textContent = Number($('strength').value).toFixed(2);
    scheduleMatch(250);
  });
  $('match').addEventListener('click', () => scheduleMatch(0));
  $('slider').addEventListener('input', moveSlider);
  moveSlider();
  document.body.dataset.ready = 'true';
}

init();

// The planners' page. Every number shown comes from the JSON API (/openapi.json describes it);
// this script only asks, draws and formats. No build step: plain JavaScript over Leaflet.
"use strict";

const TIER_COLOURS = {
  health_centre: "#1b9e77",
  district_hospital: "#7570b3",
  provincial_hospital: "#d95f02",
  central_hospital: "#e7298a",
};
const TIER_RADIUS = { health_centre: 3, district_hospital: 5, provincial_hospital: 6, central_hospital: 7 };
const CLASS_LIMITS = [0, 20, 40, 60, 80, 100];
const CLASS_COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];

const state = {
  meta: null,
  map: null,
  districts: null, // Leaflet layer
  facilities: [], // GeoJSON features
  facilityLayer: null,
  villageLayer: null,
  changeLayer: null,
  selectionLayer: null,
  suggestLayer: null,
  coverage: null, // the last /api/coverage answer
  fills: {}, // district P-code → fill
  areaDistricts: new Set(),
  sort: { key: "population_uncovered", descending: true },
  changes: [],
  addMode: false,
  nextNewId: 1,
  whatIf: null,
  // Each answer's ticket: an answer that arrives after a newer question was asked is dropped.
  tickets: { coverage: 0, whatIf: 0 },
};

// ---- API -----------------------------------------------------------------------------------

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

function questionFields() {
  return {
    area: el("area").value,
    care: el("care").value,
    threshold: `${Number(el("threshold-value").value)}${el("threshold-unit").value}`,
    travel: el("travel").value,
  };
}

function queryString(fields) {
  return new URLSearchParams(fields).toString();
}

// ---- small helpers -------------------------------------------------------------------------

function el(id) {
  return document.getElementById(id);
}

function grouped(value) {
  if (value === null || value === undefined) return "—";
  return Math.round(value).toLocaleString("en-GB");
}

function percent(value) {
  return value === null || value === undefined ? "—" : `${value.toFixed(1)} %`;
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  if (content !== undefined) node.textContent = content;
  if (className) node.className = className;
  return node;
}

function setStatus(message, isError = false) {
  const status = el("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

function classColour(percentUncovered) {
  if (percentUncovered === null || percentUncovered === undefined) return "#d9d9d9";
  for (let index = 1; index < CLASS_COLOURS.length; index++) {
    if (percentUncovered < CLASS_LIMITS[index]) return CLASS_COLOURS[index - 1];
  }
  return CLASS_COLOURS[CLASS_COLOURS.length - 1];
}

function download(name, blob) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

// ---- start ---------------------------------------------------------------------------------

async function start() {
  try {
    state.meta = await api("/api/meta");
    fillControls(state.meta);
    el("credits").textContent =
      `Data: ${state.meta.credits} ${state.meta.caveats.join(" ")} HealthCoverage ${state.meta.version}.`;
    if (typeof L === "undefined") {
      el("map").innerHTML = "";
      el("map").appendChild(text("p", "The map needs Leaflet, which is not installed: run make deps (Debian's libjs-leaflet).", "map-missing"));
    } else {
      await drawBaseMap();
    }
    await showCoverage();
  } catch (error) {
    setStatus(`Could not start: ${error.message}`, true);
  }
}

function fillControls(meta) {
  const area = el("area");
  const groups = [
    ["Regions", meta.regions.map((region) => [region.id, region.name])],
    ["Provinces", meta.provinces.map((unit) => [unit.pcode, `${unit.name} (${unit.pcode})`])],
    ["Districts", meta.districts.map((unit) => [unit.pcode, `${unit.name} (${unit.pcode})`])],
  ];
  for (const [label, options] of groups) {
    const group = document.createElement("optgroup");
    group.label = label;
    for (const [value, name] of options) group.appendChild(new Option(name, value));
    area.appendChild(group);
  }
  area.value = meta.regions.some((region) => region.id === "national") ? "national" : meta.regions[0]?.id ?? "";
  const care = el("care");
  for (const entry of meta.cares) care.appendChild(new Option(`${entry.label}${entry.is_tier ? "" : " (service)"}`, entry.name));
  care.value = "health_centre";
  care.addEventListener("change", () => setDefaultThreshold());
  setDefaultThreshold();
  const tier = el("new-tier");
  for (const name of meta.tiers) tier.appendChild(new Option(name.replace(/_/g, " "), name));
  const services = el("new-services");
  for (const name of meta.services) {
    const label = text("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = name;
    box.checked = name === "epi" || name === "delivery";
    label.append(box, ` ${name.replace(/_/g, " ")}`);
    services.appendChild(label);
  }
  el("question-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showCoverage();
  });
  for (const id of ["area", "care", "threshold-unit", "travel"]) el(id).addEventListener("change", () => showCoverage());
  el("zones").querySelector("thead").addEventListener("click", (event) => {
    const key = event.target.dataset.key;
    if (!key) return;
    state.sort = { key, descending: state.sort.key === key ? !state.sort.descending : key !== "zone_name" };
    renderZones();
  });
  el("search").addEventListener("input", debounce(search, 200));
  el("add-mode").addEventListener("click", () => setAddMode(!state.addMode));
  el("clear-changes").addEventListener("click", () => {
    state.changes = [];
    renderChanges();
    runWhatIf();
  });
  el("export-scenario").addEventListener("click", exportScenario);
  el("suggest").addEventListener("click", suggest);
}

function setDefaultThreshold() {
  const care = state.meta.cares.find((entry) => entry.name === el("care").value);
  const limits = care ? care.thresholds : [];
  const minutes = limits.find((limit) => limit.endsWith("min"));
  const limit = minutes || limits[0] || "60min";
  const unit = limit.endsWith("km") ? "km" : "min";
  el("threshold-unit").value = unit;
  el("threshold-value").value = parseFloat(limit);
}

function debounce(action, milliseconds) {
  let timer = null;
  return (...values) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...values), milliseconds);
  };
}

// ---- the map -------------------------------------------------------------------------------

async function drawBaseMap() {
  const map = L.map("map", { zoomSnap: 0.25, attributionControl: true });
  state.map = map;
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Boundaries: geoBoundaries / OCHA COD-AB · Facilities: © OpenStreetMap contributors, ODbL");
  const [districts, provinces, facilities] = await Promise.all([
    api("/api/layers/districts"),
    api("/api/layers/provinces"),
    api("/api/layers/facilities"),
  ]);
  state.districts = L.geoJSON(districts, {
    style: (feature) => districtStyle(feature.properties.pcode),
    onEachFeature: (feature, layer) => {
      layer.bindTooltip(() => districtTooltip(feature.properties), { sticky: true });
    },
  }).addTo(map);
  L.geoJSON(provinces, { style: { color: "#333", weight: 1.5, fill: false }, interactive: false }).addTo(map);
  map.on("click", (event) => mapClicked(event));
  state.facilities = facilities.features;
  state.villageLayer = L.layerGroup().addTo(map);
  state.facilityLayer = L.layerGroup().addTo(map);
  state.changeLayer = L.layerGroup().addTo(map);
  state.suggestLayer = L.layerGroup().addTo(map);
  state.selectionLayer = L.layerGroup().addTo(map);
  drawFacilities();
  map.fitBounds(state.districts.getBounds());
  addLegend(map);
}

function districtStyle(pcode) {
  const inArea = state.areaDistricts.has(pcode);
  return {
    color: "#777",
    weight: inArea ? 0.8 : 0.4,
    fillColor: inArea ? state.fills[pcode] || "#d9d9d9" : "#f4f4f4",
    fillOpacity: inArea ? 0.8 : 0.5,
  };
}

function districtTooltip(properties) {
  const row = (state.whatIf ? state.whatIf.districts_after : state.coverage?.districts || []).find(
    (zone) => zone.zone_pcode === properties.pcode,
  );
  if (!row) return `${properties.name_en}`;
  return `${properties.name_en}: ${percent(row.population_pct_covered)} covered, ${grouped(row.population_uncovered)} people beyond reach`;
}

function drawFacilities() {
  state.facilityLayer.clearLayers();
  for (const feature of state.facilities) {
    const properties = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const proxy = properties.source === "proxy";
    const marker = L.circleMarker([lat, lon], {
      radius: TIER_RADIUS[properties.tier] || 4,
      color: TIER_COLOURS[properties.tier] || "#333",
      weight: proxy ? 1.5 : 1,
      fillColor: TIER_COLOURS[properties.tier] || "#333",
      fillOpacity: proxy ? 0 : 0.9,
      className: `facility facility-${cssName(properties.facility_id)}`,
    });
    marker.bindTooltip(`${properties.name} (${properties.facility_id}, ${properties.tier.replace(/_/g, " ")}${proxy ? ", proxy" : ""})`);
    marker.on("click", (event) => {
      L.DomEvent.stopPropagation(event);
      selectFacility(properties.facility_id);
    });
    state.facilityLayer.addLayer(marker);
  }
}

function cssName(value) {
  return String(value).replace(/[^A-Za-z0-9_-]/g, "_");
}

function addLegend(map) {
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const box = L.DomUtil.create("div", "legend");
    const lines = ["<b>Share of people beyond reach</b>"];
    for (let index = 0; index < CLASS_COLOURS.length; index++) {
      const last = index === CLASS_COLOURS.length - 1;
      lines.push(
        `<span class="swatch" style="background:${CLASS_COLOURS[index]}"></span>${CLASS_LIMITS[index]} to ${last ? "" : "< "}${CLASS_LIMITS[index + 1]} %`,
      );
    }
    lines.push("<b>Facilities</b> (hollow: proxy)");
    for (const [tier, colour] of Object.entries(TIER_COLOURS)) {
      lines.push(`<span class="dot" style="border-color:${colour};background:${colour}"></span>${tier.replace(/_/g, " ")}`);
    }
    lines.push('<span class="dot" style="border-color:#b3261e;background:#b3261e"></span>village beyond reach');
    box.innerHTML = lines.join("<br>");
    return box;
  };
  legend.addTo(map);
}

function mapClicked(event) {
  if (!state.addMode) return;
  const tier = el("new-tier").value;
  const services = [...el("new-services").querySelectorAll("input:checked")].map((box) => box.value);
  const id = `NEW-${state.nextNewId++}`;
  state.changes.push({
    action: "add",
    id,
    name: `New ${tier.replace(/_/g, " ")} ${id}`,
    tier,
    lon: Math.round(event.latlng.lng * 1e6) / 1e6,
    lat: Math.round(event.latlng.lat * 1e6) / 1e6,
    services,
  });
  renderChanges();
  runWhatIf();
}

function setAddMode(on) {
  state.addMode = on;
  el("add-mode").setAttribute("aria-pressed", String(on));
  el("add-mode").textContent = on ? "Click the map to place it (click here to stop)" : "Add by clicking the map";
  if (state.map) state.map.getContainer().style.cursor = on ? "crosshair" : "";
}

// ---- coverage ------------------------------------------------------------------------------

async function showCoverage() {
  const fields = questionFields();
  if (!(Number(el("threshold-value").value) > 0)) {
    setStatus("Give a limit above 0.", true);
    return;
  }
  setStatus("Computing…");
  const started = performance.now();
  const ticket = ++state.tickets.coverage;
  try {
    const answer = await api(`/api/coverage?${queryString(fields)}`);
    if (ticket !== state.tickets.coverage) return;
    state.coverage = answer;
    state.whatIf = null;
    state.areaDistricts = new Set(answer.districts.map((zone) => zone.zone_pcode));
    state.fills = Object.fromEntries(answer.districts.map((zone) => [zone.zone_pcode, zone.fill]));
    renderSummary(answer);
    renderZones();
    renderExports(fields);
    drawUncovered(answer.uncovered_villages);
    if (state.districts) {
      state.districts.setStyle((feature) => districtStyle(feature.properties.pcode));
      const bounds = L.latLngBounds([]);
      state.districts.eachLayer((layer) => {
        if (state.areaDistricts.has(layer.feature.properties.pcode)) bounds.extend(layer.getBounds());
      });
      if (bounds.isValid()) state.map.fitBounds(bounds, { padding: [10, 10] });
    }
    setStatus(`Coverage in ${Math.round(performance.now() - started)} ms`);
    if (state.changes.length) runWhatIf();
    else el("whatif-result").textContent = "";
  } catch (error) {
    setStatus(error.message, true);
  }
}

function renderSummary(answer) {
  const region = answer.region;
  const question = answer.question;
  const limit = question.threshold.endsWith("km")
    ? `${parseFloat(question.threshold)} km`
    : `${parseFloat(question.threshold)} minutes`;
  el("summary").textContent =
    `${question.area_name}: ${grouped(region.population_uncovered)} of ${grouped(region.population_total)} people ` +
    `(${percent(100 - region.population_pct_covered)}) live beyond ${limit} of ${question.care_label} care, ` +
    `among them ${grouped(region.under5_uncovered)} children under five, in ${grouped(region.villages_uncovered)} of ` +
    `${grouped(region.villages_total)} villages.`;
  el("command").textContent = answer.command;
  const notes = el("notes");
  notes.replaceChildren(...[...answer.travel_notes, ...answer.caveats].map((line) => text("li", line)));
}

function renderZones() {
  const answer = state.coverage;
  if (!answer) return;
  const key = state.sort.key;
  const rows = [...answer.districts].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const order = typeof x === "string" ? x.localeCompare(y) : (x ?? -1) - (y ?? -1);
    return state.sort.descending ? -order : order;
  });
  const body = el("zones").querySelector("tbody");
  body.replaceChildren(...rows.map((zone) => zoneRow(zone)));
  el("zones").querySelector("tfoot").replaceChildren(zoneRow({ ...answer.region, zone_name: `All of ${answer.question.area_name}` }, true));
  for (const heading of el("zones").querySelectorAll("th")) {
    heading.classList.toggle("sorted-asc", heading.dataset.key === key && !state.sort.descending);
    heading.classList.toggle("sorted-desc", heading.dataset.key === key && state.sort.descending);
  }
}

function zoneRow(zone, isTotal = false) {
  const row = document.createElement("tr");
  row.dataset.pcode = zone.zone_pcode;
  const name = text("td");
  if (!isTotal) {
    const swatch = text("span", "", "swatch");
    swatch.style.background = zone.fill;
    name.appendChild(swatch);
  }
  name.append(zone.zone_name);
  row.appendChild(name);
  const cells = [
    grouped(zone.population_total),
    grouped(zone.population_uncovered),
    percent(zone.population_pct_covered),
    grouped(zone.under5_uncovered),
    grouped(zone.births_live_uncovered),
    grouped(zone.women_15_49_uncovered),
    grouped(zone.villages_uncovered),
  ];
  for (const cell of cells) row.appendChild(text("td", cell, "num"));
  if (!isTotal) {
    row.addEventListener("mouseenter", () => highlightDistrict(zone.zone_pcode, true));
    row.addEventListener("mouseleave", () => highlightDistrict(zone.zone_pcode, false));
  }
  return row;
}

function highlightDistrict(pcode, on) {
  if (!state.districts) return;
  state.districts.eachLayer((layer) => {
    if (layer.feature.properties.pcode === pcode) layer.setStyle({ weight: on ? 3 : 0.8, color: on ? "#000" : "#777" });
  });
}

function renderExports(fields) {
  const query = queryString(fields);
  el("export-gaps").href = `/api/export/gaps.csv?${query}`;
  el("export-zones").href = `/api/export/zones_districts.geojson?${query}`;
  el("export-villages-csv").href = `/api/export/uncovered_villages.csv?${query}`;
  el("export-villages").href = `/api/export/uncovered_villages.geojson?${query}`;
}

function drawUncovered(villages) {
  if (!state.villageLayer) return;
  state.villageLayer.clearLayers();
  for (const village of villages) {
    const marker = L.circleMarker([village.lat, village.lon], {
      radius: 2.5,
      color: "#b3261e",
      weight: 1,
      fillColor: "#b3261e",
      fillOpacity: 0.8,
      className: `village village-${cssName(village.village_code)}`,
    });
    const trip = village.minutes !== null ? `${Math.round(village.minutes)} min` : "no facility reachable";
    marker.bindTooltip(`${village.name} (${village.village_code}): ${grouped(village.population)} people, ${trip}`);
    marker.on("click", (event) => {
      L.DomEvent.stopPropagation(event);
      selectVillage(village.village_code);
    });
    state.villageLayer.addLayer(marker);
  }
}

// ---- a village, a facility, a search -------------------------------------------------------

async function selectVillage(code) {
  setStatus(`Asking for village ${code}…`);
  try {
    const [answer, sentence] = await Promise.all([
      api(`/api/villages/${encodeURIComponent(code)}`),
      api(`/api/villages/${encodeURIComponent(code)}?format=text`),
    ]);
    const body = el("details-body");
    const village = answer.village;
    body.replaceChildren(
      text("h3", `${village.name} (${village.village_code})`),
      referralChain(answer.referral_chain),
      text("pre", sentence, "answer village-answer"),
    );
    drawChain(village, answer.referral_chain);
    el("details").scrollIntoView({ block: "start" });
    setStatus(`Village ${code}`);
  } catch (error) {
    setStatus(error.message, true);
  }
}

function referralChain(chain) {
  const list = text("ol", undefined, "chain");
  for (const hop of chain.hops) {
    const facility = hop.facility_id ? `${hop.facility_name} (${hop.facility_id})` : "no facility";
    const trip = hop.minutes !== null ? `${(hop.distance_m / 1000).toFixed(1)} km, ${Math.round(hop.minutes)} min` : "unreachable";
    list.appendChild(text("li", `${hop.level.replace(/_/g, " ")}: ${facility}, ${trip}`));
  }
  const wrapper = text("div", undefined, "referral-chain");
  wrapper.append(text("b", "Referral chain"), list);
  if (chain.total_minutes !== null) wrapper.append(text("p", `In all ${(chain.total_distance_m / 1000).toFixed(1)} km, ${Math.round(chain.total_minutes)} min.`));
  return wrapper;
}

function facilityLocation(id) {
  const feature = state.facilities.find((entry) => entry.properties.facility_id === id);
  return feature ? [feature.geometry.coordinates[1], feature.geometry.coordinates[0]] : null;
}

function drawChain(village, chain) {
  if (!state.selectionLayer) return;
  state.selectionLayer.clearLayers();
  const points = [[village.lat, village.lon]];
  for (const hop of chain.hops) {
    const location = hop.facility_id ? facilityLocation(hop.facility_id) : null;
    if (location) points.push(location);
  }
  L.polyline(points, { color: "#000", weight: 2, dashArray: "4 4", interactive: false }).addTo(state.selectionLayer);
  L.circleMarker(points[0], { radius: 6, color: "#000", weight: 2, fill: false, interactive: false }).addTo(state.selectionLayer);
}

async function selectFacility(id) {
  setStatus(`Asking for facility ${id}…`);
  try {
    const [answer, sentence] = await Promise.all([
      api(`/api/facilities/${encodeURIComponent(id)}`),
      api(`/api/facilities/${encodeURIComponent(id)}?format=text`),
    ]);
    const facility = answer.facility;
    const body = el("details-body");
    const catchment = answer.catchment
      ? `Catchment for ${answer.catchment.target.replace(/_/g, " ")} care: ${grouped(answer.catchment.villages)} villages, ${grouped(answer.catchment.population)} people.`
      : "No catchment: it provides no care of its tier.";
    const actions = text("div", undefined, "row");
    const close = text("button", "Close it (what if)");
    close.type = "button";
    close.addEventListener("click", () => addChange({ action: "close", id: facility.facility_id }));
    actions.appendChild(close);
    const next = state.meta.tiers[state.meta.tiers.indexOf(facility.tier) + 1];
    if (next) {
      const upgrade = text("button", `Upgrade to ${next.replace(/_/g, " ")} (what if)`);
      upgrade.type = "button";
      upgrade.addEventListener("click", () => addChange({ action: "upgrade", id: facility.facility_id, to: next }));
      actions.appendChild(upgrade);
    }
    body.replaceChildren(
      text("h3", `${facility.name} (${facility.facility_id})`),
      text("p", catchment, "catchment-summary"),
      actions,
      text("pre", sentence, "answer facility-answer"),
    );
    el("details").scrollIntoView({ block: "start" });
    state.selectionLayer.clearLayers();
    for (const village of answer.catchment_villages) {
      L.circleMarker([village.lat, village.lon], { radius: 2, color: "#2b4a6f", weight: 1, fillOpacity: 0.6, interactive: false }).addTo(
        state.selectionLayer,
      );
    }
    setStatus(`Facility ${id}`);
  } catch (error) {
    setStatus(error.message, true);
  }
}

async function search() {
  const query = el("search").value.trim();
  const list = el("search-results");
  if (!query) {
    list.replaceChildren();
    return;
  }
  try {
    const matches = await api(`/api/search?${queryString({ q: query, limit: 10 })}`);
    list.replaceChildren(
      ...matches.map((match) => {
        const item = text("li");
        item.append(`${match.name} `, text("span", `${match.kind} ${match.id}, ${match.place}${match.match === "closest" ? " (close match)" : ""}`, "kind"));
        item.addEventListener("click", () => {
          if (state.map) state.map.setView([match.lat, match.lon], Math.max(state.map.getZoom(), 10));
          if (match.kind === "village") selectVillage(match.id);
          else selectFacility(match.id);
        });
        return item;
      }),
    );
    if (!matches.length) list.replaceChildren(text("li", "Nothing matches.", "hint"));
  } catch (error) {
    setStatus(error.message, true);
  }
}

// ---- what-if -------------------------------------------------------------------------------

function addChange(change) {
  state.changes.push(change);
  renderChanges();
  runWhatIf();
}

function describeChange(change) {
  switch (change.action) {
    case "add":
      return `Add ${change.name} at ${change.lon.toFixed(4)}, ${change.lat.toFixed(4)}${change.services.length ? ` (${change.services.join(", ")})` : ""}`;
    case "close":
      return `Close ${change.id}`;
    case "upgrade":
      return `Upgrade ${change.id} to ${change.to.replace(/_/g, " ")}`;
    default:
      return change.action;
  }
}

function renderChanges() {
  const list = el("changes");
  list.replaceChildren(
    ...state.changes.map((change, index) => {
      const item = text("li", describeChange(change));
      const remove = text("button", "remove");
      remove.type = "button";
      remove.addEventListener("click", () => {
        state.changes.splice(index, 1);
        renderChanges();
        runWhatIf();
      });
      item.appendChild(remove);
      return item;
    }),
  );
  state.changeLayer?.clearLayers();
  for (const change of state.changes.filter((entry) => entry.action === "add")) {
    L.marker([change.lat, change.lon], { title: change.name }).addTo(state.changeLayer);
  }
}

async function runWhatIf() {
  const result = el("whatif-result");
  if (!state.changes.length) {
    state.whatIf = null;
    result.replaceChildren();
    if (state.coverage) {
      state.fills = Object.fromEntries(state.coverage.districts.map((zone) => [zone.zone_pcode, zone.fill]));
      state.districts?.setStyle((feature) => districtStyle(feature.properties.pcode));
      drawUncovered(state.coverage.uncovered_villages);
    }
    return;
  }
  setStatus("What if…");
  const started = performance.now();
  const ticket = ++state.tickets.whatIf;
  try {
    const answer = await api("/api/whatif", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...questionFields(), changes: state.changes }),
    });
    if (ticket !== state.tickets.whatIf) return;
    const milliseconds = Math.round(performance.now() - started);
    state.whatIf = answer;
    renderWhatIf(answer);
    el("whatif").scrollIntoView({ block: "start" });
    state.fills = Object.fromEntries(answer.districts_after.map((zone) => [zone.zone_pcode, zone.fill]));
    state.districts?.setStyle((feature) => districtStyle(feature.properties.pcode));
    setStatus(`What-if in ${milliseconds} ms`);
  } catch (error) {
    result.replaceChildren(text("p", `The what-if was refused: ${error.message}`, "loss"));
    setStatus(error.message, true);
  }
}

function renderWhatIf(answer) {
  const region = answer.region;
  const summary = text("p", undefined, "whatif-summary");
  summary.append(
    `${region.zone_name}: `,
    text("span", `+${grouped(region.newly_covered)} newly covered`, "gain"),
    ", ",
    text("span", `−${grouped(region.lost)} lose coverage`, "loss"),
    `, net ${region.net_change >= 0 ? "+" : "−"}${grouped(Math.abs(region.net_change))} people ` +
      `(${grouped(region.covered_before)} → ${grouped(region.covered_after)} of ${grouped(region.population)}).`,
  );
  const table = document.createElement("table");
  table.id = "whatif-table";
  const head = document.createElement("tr");
  for (const heading of ["District", "Newly covered", "Lose coverage", "Net", "Covered after"]) head.appendChild(text("th", heading));
  table.appendChild(document.createElement("thead")).appendChild(head);
  const body = table.appendChild(document.createElement("tbody"));
  for (const zone of answer.districts.filter((entry) => entry.newly_covered || entry.lost)) {
    const row = document.createElement("tr");
    row.dataset.pcode = zone.zone_pcode;
    row.append(
      text("td", zone.zone_name),
      text("td", grouped(zone.newly_covered), "num gain"),
      text("td", grouped(zone.lost), "num loss"),
      text("td", `${zone.net_change >= 0 ? "+" : "−"}${grouped(Math.abs(zone.net_change))}`, "num"),
      text("td", grouped(zone.covered_after), "num"),
    );
    body.appendChild(row);
  }
  const parts = [summary];
  if (body.children.length) parts.push(table);
  else parts.push(text("p", "No district changes.", "hint"));
  el("whatif-result").replaceChildren(...parts);
  // The villages that change, over the uncovered ones.
  for (const village of answer.villages) {
    L.circleMarker([village.lat, village.lon], {
      radius: 4,
      color: village.now_covered ? "#1a7f37" : "#6a1b9a",
      weight: 2,
      fillOpacity: 0.3,
      className: `changed-village village-${cssName(village.village_code)}`,
    })
      .bindTooltip(`${village.name}: ${village.now_covered ? "newly covered" : "loses coverage"} (${grouped(village.population)} people)`)
      .addTo(state.changeLayer);
  }
}

async function exportScenario() {
  try {
    const response = await fetch("/api/scenario", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...questionFields(), changes: state.changes, name: "what-if" }),
    });
    if (!response.ok) throw new Error((await response.json()).error.message);
    download("what-if.yaml", await response.blob());
  } catch (error) {
    setStatus(error.message, true);
  }
}

async function suggest() {
  const count = Number(el("suggest-count").value);
  setStatus("Choosing sites…");
  const started = performance.now();
  try {
    const answer = await api("/api/suggest", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...questionFields(), count }),
    });
    const list = text("ol", undefined, "sites");
    state.suggestLayer.clearLayers();
    for (const site of answer.sites) {
      list.appendChild(text("li", `${site.name} (${site.village_code}, ${site.district_pcode}): +${grouped(site.gain)} people`));
      L.marker([site.lat, site.lon], { title: `${site.rank}. ${site.name}` })
        .bindTooltip(`${site.rank}. ${site.name}: +${grouped(site.gain)}`, { permanent: true, direction: "right" })
        .addTo(state.suggestLayer);
    }
    const summary = text(
      "p",
      `${answer.sites.length} sites add ${grouped(answer.gain)} people (${grouped(answer.covered_before)} → ${grouped(answer.covered_after)} of ${grouped(answer.demand_total)}).`,
    );
    const take = text("button", "Add these sites to the what-if");
    take.type = "button";
    take.addEventListener("click", () => {
      const tier = state.meta.tiers.includes(el("care").value) ? el("care").value : el("new-tier").value;
      for (const site of answer.sites) {
        state.changes.push({ action: "add", id: `NEW-${state.nextNewId++}`, name: `New ${tier.replace(/_/g, " ")} at ${site.name}`, tier, lon: site.lon, lat: site.lat, services: [] });
      }
      renderChanges();
      runWhatIf();
    });
    el("suggest-result").replaceChildren(summary, list, text("p", `The same from a terminal: ${answer.command}`, "hint"), take);
    setStatus(`Sites in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    setStatus(error.message, true);
  }
}

// The page's state, for the browser tests and the developer console (read it; the page owns it).
window.healthCoverage = state;
window.addEventListener("DOMContentLoaded", start);

// Maps (src/platform/ui/components/map.tsx), drawn with Leaflet when JavaScript runs. A location
// picker fills the latitude and longitude fields a person can also type into; a points map replaces
// the self-drawn plot of the same points. Tiles come from the server in data-map-tiles
// (LOKET_MAP_TILES), which the content security policy allows as an image source.
(() => {
  if (typeof L === 'undefined') return;
  const INDONESIA = [-2.5, 118];
  // Six decimals is about 10 cm: more than a phone's position is worth.
  const DIGITS = 6;
  const STYLE = { radius: 8, color: '#1d4e89', weight: 3, fillColor: '#1d4e89', fillOpacity: 0.5 };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  function baseMap(block, canvas) {
    const map = L.map(canvas, { scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    // Leaflet writes the attribution as HTML: it is configuration, but still escaped.
    L.tileLayer(block.dataset.mapTiles, { maxZoom: 19, attribution: escapeHtml(block.dataset.mapAttribution || '') }).addTo(map);
    return map;
  }

  function coordinate(field, limit) {
    const text = field.value.trim().replace(',', '.');
    if (!/^-?\d{1,3}(\.\d+)?$/.test(text)) return undefined;
    const value = Number(text);
    return Math.abs(value) <= limit ? value : undefined;
  }

  for (const block of document.querySelectorAll('[data-map-picker]')) {
    const latitude = document.getElementById(block.dataset.latitude || '');
    const longitude = document.getElementById(block.dataset.longitude || '');
    const canvas = block.querySelector('[data-map-canvas]');
    if (!latitude || !longitude || !canvas) continue;
    block.hidden = false;
    const map = baseMap(block, canvas);
    let marker;

    function place(point, zoomIn) {
      if (marker) marker.setLatLng(point);
      else marker = L.circleMarker(point, STYLE).addTo(map);
      if (zoomIn) map.setView(point, Math.max(map.getZoom() || 0, 16));
    }
    function write(point) {
      latitude.value = point[0].toFixed(DIGITS);
      longitude.value = point[1].toFixed(DIGITS);
      place(point, false);
    }
    function readFields(zoomIn) {
      const lat = coordinate(latitude, 90);
      const lng = coordinate(longitude, 180);
      if (lat === undefined || lng === undefined) return false;
      place([lat, lng], zoomIn);
      return true;
    }

    if (!readFields(true)) map.setView(INDONESIA, 5);
    map.on('click', (event) => {
      const point = event.latlng.wrap();
      write([point.lat, point.lng]);
    });
    latitude.addEventListener('change', () => readFields(true));
    longitude.addEventListener('change', () => readFields(true));

    const locate = block.querySelector('[data-map-locate]');
    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener('click', () => {
        navigator.geolocation.getCurrentPosition(
          (position) => {
            write([position.coords.latitude, position.coords.longitude]);
            map.setView(marker.getLatLng(), 17);
          },
          () => {},
          { enableHighAccuracy: true, timeout: 15000 },
        );
      });
    }
  }

  for (const block of document.querySelectorAll('[data-map-points]')) {
    let points;
    try {
      points = JSON.parse(block.dataset.mapPoints || '[]');
    } catch {
      continue;
    }
    const shown = points.filter(
      (p) => Number.isFinite(p.lat) && Number.isFinite(p.lng) && typeof p.href === 'string' && p.href.startsWith('/') && !p.href.startsWith('//'),
    );
    if (shown.length === 0) continue;
    const canvas = document.createElement('div');
    canvas.className = 'map';
    canvas.setAttribute('role', 'region');
    canvas.setAttribute('aria-label', block.dataset.mapLabel || '');
    // The list beside the map carries the same reports, so the plot it replaces can go.
    for (const child of [...block.children]) child.hidden = true;
    block.append(canvas);
    const map = baseMap(block, canvas);
    for (const p of shown) {
      const link = document.createElement('a');
      link.href = p.href;
      link.textContent = p.title;
      L.circleMarker([p.lat, p.lng], STYLE).bindPopup(link).addTo(map);
    }
    map.fitBounds(
      shown.map((p) => [p.lat, p.lng]),
      { maxZoom: 14, padding: [24, 24] },
    );
  }
})();

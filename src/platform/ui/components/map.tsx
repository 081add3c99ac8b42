import type { ComponentChildren } from 'preact';
import type { MapTiles } from '../../../config.ts';
import type { PageContext } from '../context.ts';

// Maps are an enhancement (assets/map.js, with Leaflet): they appear only when JavaScript runs and a
// tile server is configured. Everything they do can be done without them: the coordinates are typed
// into fields, and a list or plot carries the same points as a map of reports. A page that shows one
// passes `map` to Layout, which loads the scripts.

/** A map above the coordinate fields that fills them on a click, or from the device's location. */
export function LocationPicker({
  ctx,
  tiles,
  latitudeId,
  longitudeId,
}: {
  ctx: PageContext;
  tiles: MapTiles | undefined;
  latitudeId: string;
  longitudeId: string;
}) {
  if (!tiles) return null;
  return (
    <div
      class="map-picker"
      hidden
      data-map-picker
      data-map-tiles={tiles.url}
      data-map-attribution={tiles.attribution}
      data-latitude={latitudeId}
      data-longitude={longitudeId}
    >
      <p class="hint">{ctx.t('map.pickHint')}</p>
      <section class="map" aria-label={ctx.t('map.pickerLabel')} data-map-canvas />
      <button type="button" class="button button--secondary" hidden data-map-locate>
        {ctx.t('map.locate')}
      </button>
    </div>
  );
}

export interface MapPoint {
  latitude: number;
  longitude: number;
  /** A page of this site the point links to. */
  href: string;
  title: string;
}

/** A map of points, shown instead of the self-drawn plot it is given as children when JavaScript runs. */
export function PointsMap({
  ctx,
  tiles,
  points,
  children,
}: {
  ctx: PageContext;
  tiles: MapTiles | undefined;
  points: readonly MapPoint[];
  children: ComponentChildren;
}) {
  if (!tiles || points.length === 0) return <>{children}</>;
  return (
    <div
      class="points-map"
      data-map-points={JSON.stringify(points.map((point) => ({ lat: point.latitude, lng: point.longitude, href: point.href, title: point.title })))}
      data-map-tiles={tiles.url}
      data-map-attribution={tiles.attribution}
      data-map-label={ctx.t('map.pointsLabel', { count: points.length })}
    >
      {children}
    </div>
  );
}

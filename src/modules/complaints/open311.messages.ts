import { defineMessages } from '../../platform/i18n/define.ts';

/** Open311 GeoReport v2: error descriptions and the API-key admin page. */
export const open311Messages = defineMessages({
  id: {
    'open311.keys.title': 'Kunci API Open311',
  },
  en: {
    'open311.keys.title': 'Open311 API keys',
  },
});

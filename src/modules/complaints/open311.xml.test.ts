import { describe, expect, it } from 'vitest';
import { escapeXml, list, toJson, toXml } from './open311.xml.ts';

describe('Open311 XML', () => {
  it('escapes hostile text and drops characters XML cannot carry', () => {
    const hostile = `</description><script>alert("x")</script> & 'kutip' \u0000\u0007\ud800 ]]>`;
    const xml = toXml('service_requests', [{ description: hostile, lat: -6.9, media_url: null }], 'request');
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><description>&lt;/description&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;kutip&apos;  ]]&gt;</description><lat>-6.9</lat><media_url/></request></service_requests>',
    );
    expect(escapeXml('😀 ok')).toBe('😀 ok');
  });

  it('nests lists and refuses element names that are not names', () => {
    expect(toXml('discovery', { endpoints: list('endpoint', [{ formats: list('format', ['text/xml']) }]) })).toContain(
      '<discovery><endpoints><endpoint><formats><format>text/xml</format></formats></endpoint></endpoints></discovery>',
    );
    expect(toJson({ formats: list('format', ['a', 'b']) })).toBe('{"formats":["a","b"]}');
    expect(() => toXml('errors', [{ 'bad name': 1 }], 'error')).toThrow('invalid XML element name');
  });
});

// yauzl ships no types; zip.ts declares the small part of its API it uses.
declare module 'yauzl';

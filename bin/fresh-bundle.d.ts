/** The bundle's entry URL when it is there and not older than its sources, else undefined. */
export function freshBundle(root?: URL): URL | undefined;

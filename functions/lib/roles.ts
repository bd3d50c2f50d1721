/**
 * Roles of the PKH workforce (DATA.md roster `role`). The roster schema's enum and the config's
 * `expected_roles` both read this list; it lives on the ground floor so that `functions/lib`
 * never imports `schemas/`.
 */
export const ROLES = ['pendamping', 'apd', 'korkab', 'korwil'] as const;
export type Role = (typeof ROLES)[number];

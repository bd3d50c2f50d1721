// Placeholder entry so the CDK stack can reference this handler while it is being built.
export const handler = async (): Promise<never> => {
  throw new Error('not implemented yet');
};

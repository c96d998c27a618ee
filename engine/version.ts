/** Version of the behavioural model (docs/model.md). Bump it whenever an equation or default changes results. */
export const MODEL_VERSION = "2.2.0";

/** Who can publish: the brand account, each circle's opinion leaders, and the big accounts. */
export interface Accounts {
  readonly brand: number;
  /** Per circle, its opinion leaders, best-connected first. */
  readonly kolsByCircle: readonly Int32Array[];
  readonly bigAccounts: Int32Array;
}

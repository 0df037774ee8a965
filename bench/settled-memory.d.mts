export function settledRssMB(collect?: () => void): Promise<number>;

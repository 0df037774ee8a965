import { memoryDigestStore } from "../../src/ports/digest-store.ts";
import { digestStoreContract } from "./digest-store.contract.ts";

digestStoreContract("memory", async () => memoryDigestStore());

import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { appEnv, loadDotEnv } from "../config.ts";
import { hashPassword, MIN_PASSWORD } from "../desk/passwords.ts";
import { AccountName, type DeskStore, Role } from "../ports/desk-store.ts";
import { openDeskStore } from "../store/desk-open.ts";

// npm run desk:user -- add|remove|list|reset [name] [--role curator|editor]: the desk's accounts.
const USAGE =
  "npm run desk:user -- add <name> --role curator|editor | remove <name> | list | reset <name>\n" +
  "  The password is asked for at a terminal, or read from the first line of standard input.";

/** Reads the password without echoing it at a terminal; the first line of stdin otherwise. */
const ACTIONS = ["add", "remove", "list", "reset"];

async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const rl = createInterface({ input: stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return "";
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(typed);
          return;
        }
        if (ch === "\u0003") process.exit(130);
        typed = ch === "\u007f" ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function askPassword(): Promise<string | null> {
  const password = await readPassword("Password: ");
  if (password.length < MIN_PASSWORD) {
    console.error(`The password must have at least ${MIN_PASSWORD} characters.`);
    return null;
  }
  return password;
}

async function run(
  store: DeskStore,
  action: string,
  name: string | undefined,
  role: string | undefined,
) {
  if (action === "list") {
    const accounts = await store.accounts();
    if (accounts.length === 0) console.log("No desk accounts yet.");
    for (const a of accounts)
      console.log(`${a.name}\t${a.role}\tsince ${a.createdAt.slice(0, 10)}`);
    return 0;
  }
  const account = AccountName.safeParse(name);
  if (!account.success) {
    console.error(
      `"${name ?? ""}" is not an account name: use ${account.error.issues[0]?.message}.`,
    );
    return 2;
  }
  const existing = await store.account(account.data);
  if (action === "add") {
    const parsedRole = Role.safeParse(role);
    if (!parsedRole.success) {
      console.error("--role must be curator or editor.");
      return 2;
    }
    if (existing) {
      console.error(`${account.data} exists already; use reset to change the password.`);
      return 1;
    }
    const password = await askPassword();
    if (password === null) return 1;
    const createdAt = new Date().toISOString();
    await store.putAccount({
      name: account.data,
      role: parsedRole.data,
      hash: await hashPassword(password),
      createdAt,
    });
    console.log(`Added ${account.data} (${parsedRole.data}).`);
    return 0;
  }
  if (!existing) {
    console.error(`There is no account ${account.data}.`);
    return 1;
  }
  if (action === "remove") {
    await store.removeAccount(existing.name);
    await store.removeSessionsOf(existing.name);
    console.log(`Removed ${existing.name}.`);
    return 0;
  }
  const password = await askPassword();
  if (password === null) return 1;
  await store.putAccount({ ...existing, hash: await hashPassword(password) });
  await store.removeSessionsOf(existing.name);
  console.log(`Reset the password of ${existing.name}; their sessions are signed out.`);
  return 0;
}

const args = (() => {
  try {
    return parseArgs({
      options: { role: { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch {
    return null;
  }
})();
const [action, name] = args?.positionals ?? [];
const arity = action === "list" ? 1 : 2;
if (!args || !action || !ACTIONS.includes(action) || args.positionals.length !== arity) {
  console.error(`Usage: ${USAGE}`);
  process.exit(2);
}
loadDotEnv();
const env = appEnv(process.env);
if (!env.ok) {
  console.error(env.error.message);
  process.exit(1);
}
const store = await openDeskStore(env.value.CORPUS_STORE);
if (!store.ok) {
  console.error(store.error.message);
  process.exit(1);
}
try {
  process.exitCode = await run(store.value, action, name, args.values.role);
} finally {
  await store.value.close();
}

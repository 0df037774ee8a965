import { createRest } from "../adapters/discord/client.ts";
import { inviteUrl } from "../adapters/discord/commands.ts";
import { discordConfig } from "../adapters/discord/config.ts";
import { registerCommands } from "../adapters/discord/register.ts";
import { loadDotEnv } from "../config.ts";
import { endQuietlyOnClosedPipe } from "./closed-pipe.ts";

endQuietlyOnClosedPipe();

loadDotEnv();
const loaded = discordConfig(process.env);
if (!loaded.ok) {
  console.error(loaded.error.message);
  process.exit(1);
}
const config = loaded.value;
try {
  const { scope, definitions } = await registerCommands(createRest(config), config);
  const names = definitions.flatMap((d) => (d.options ?? []).map((o) => o.name));
  const where =
    scope === "guild"
      ? `guild ${config.guildId}`
      : "all guilds (global; may take up to an hour to appear)";
  console.log(
    `Registered /${definitions[0]?.name} with ${names.length} subcommands in ${where}: ${names.join(", ")}`,
  );
  console.log(`Invite the bot with: ${inviteUrl(config.applicationId)}`);
} catch (err) {
  console.error(`Registration failed: ${(err as Error).message}`);
  process.exitCode = 1;
}

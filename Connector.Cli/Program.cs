using Connector.Cli;

return await CliApplication.RunAsync(args, CliContext.FromConsole());

using Connector.Sandbox;

// dotnet run --project Connector.Sandbox -- --port 5080   (or --Sandbox:Port=5080, Sandbox__Port, appsettings.json)
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args, new Dictionary<string, string> { ["--port"] = "Sandbox:Port", ["-p"] = "Sandbox:Port" })
    .Build();

var options = SandboxOptionsBinding.Bind(configuration.GetSection(SandboxOptions.SectionName));
if (options.Port == 0 && configuration["Sandbox:Port"] is null)
{
    options.Port = 5080;
}

await using var sandbox = await SandboxServer.StartAsync(options);
Console.WriteLine($"SuperOffice sandbox for {options.ContextIdentifier} listening on {sandbox.BaseUrl}");
Console.WriteLine($"  REST API:         {sandbox.ApiBaseUrl}v1/");
Console.WriteLine($"  Token endpoint:   {sandbox.BaseUrl}login/common/oauth/tokens");
Console.WriteLine($"  Company Explorer: {sandbox.CompanyExplorerBaseUrl}/api/enrich");
Console.WriteLine("Press Ctrl+C to stop.");

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;

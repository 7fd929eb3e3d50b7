using Connector.Bench;
using Connector.Tests.Infrastructure;

// Usage: dotnet run -c Release --project bench/Connector.Bench -- intake [events=2000] [concurrency=8]
//        ... -- sync [contacts=1000] [latencyMs=50] [concurrency=12] [separate] [early-read]   | storage-ops [rows=2000]
//        ... -- report [sales=10000,100000] [latencyMs=0]
//        ... -- recover [companies=10000] [rate=100]
//        ... -- soak [changes=1000] [companies=1000]   (exits 1 when a line of its table is off)
//        ... -- telemetry [rounds=6] [intakeEvents=400] [syncContacts=240] [latencyMs=50]   (off vs on, alternating)
//        ... -- ops [jobs=100000] [concurrency=32]
var command = args.FirstOrDefault() ?? "intake";
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var value) ? value : fallback;

switch (command)
{
    case "intake":
        await new IntakeBenchmark(await Azurite.GetConnectionStringAsync(), Arg(1, 2000), Arg(2, 8)).RunAsync();
        return 0;
    case "storage-ops":
        await new StorageOpsBenchmark(await Azurite.GetConnectionStringAsync(), Arg(1, 2000)).RunAsync();
        return 0;
    case "sync":
        await new SyncBenchmark(await Azurite.GetConnectionStringAsync(), Arg(1, 1000), Arg(2, 50), Arg(3, 12), args.Contains("separate"),
            earlyReadRounds: args.Contains("early-read") ? 8 : 0).RunAsync();
        return 0;
    case "report":
        var counts = (args.Length > 1 ? args[1] : "10000,100000").Split(',').Select(int.Parse).ToList();
        await new ReportBenchmark(await Azurite.GetConnectionStringAsync(), counts, Arg(2, 0)).RunAsync();
        return 0;
    case "soak":
        return await SoakCommand.RunAsync(Arg(1, 1000), Arg(2, 1000));
    case "recover":
        await new RecoverBenchmark(await Azurite.GetConnectionStringAsync(), Arg(1, 10_000), Arg(2, 100)).RunAsync();
        return 0;
    case "telemetry":
        await new TelemetryOverheadBenchmark(await Azurite.GetConnectionStringAsync(), Arg(1, 6), Arg(2, 400), Arg(3, 240), Arg(4, 50)).RunAsync();
        return 0;
    case "ops":
        await new OpsBenchmark(await Azurite.GetConnectionStringAsync(), Arg(1, 100_000), Arg(2, 32)).RunAsync();
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: intake, storage-ops, sync, report, soak, recover, telemetry, ops");
        return 2;
}

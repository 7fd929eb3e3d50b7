using Connector.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Connector.Tests.Soak;

/// <summary>
/// The short fault soak (100 edits over 100 companies, every fault kind in turn): nothing lost, nothing written twice,
/// no loop, no secret shown. The full one (1,000) is <c>bench -- soak</c>.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_short_soak_under_every_fault_kind_loses_nothing_writes_nothing_twice_and_shows_no_secret()
    {
        var progress = new StringWriter();
        var report = await new SoakRun(new SoakOptions { Companies = 100, Changes = 100, PhaseTimeout = TimeSpan.FromSeconds(2) },
            (settings, configure, logs) => TestServices.CreateAsync(settings, configure, logs), progress).RunAsync();
        output.WriteLine(progress.ToString());
        output.WriteLine(report.ToTable());
        Assert.True(report.Passed, progress + report.ToTable());
    }
}

using System.Text.Json;
using Connector.Core.Jobs;
using Connector.Core.Sync;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Sync;

/// <summary>Sync:FieldMap resolves against the published UDF layout, whatever an administrator is editing meanwhile.</summary>
public sealed class PublishedLayoutTests
{
    private static async Task EditCurrentLayoutAsync(SandboxFixture sandbox)
    {
        await sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:5", label = "Branche" });
        await sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:6", label = "Kurzprofil (KI)" });
        await sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:9", label = "Firmengröße (KI)" });
    }

    private static async Task<Exception?> StartupFailureAsync(SandboxFixture sandbox, string fieldMap)
    {
        var settings = sandbox.ConnectorSettings();
        settings["Sync:FieldMap"] = fieldMap;
        await using var services = await TestServices.CreateAsync(settings);
        var check = services.GetServices<IHostedService>().OfType<SyncStartupCheck>().Single();
        return await Record.ExceptionAsync(() => check.StartAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("vertical=Branche", "Branche")]
    [InlineData("vertical=Firmengröße (KI)", "Firmengröße (KI)")]
    [InlineData("vertical=SuperOffice:9", "SuperOffice:9")]
    public async Task A_label_or_field_that_is_not_published_yet_stops_start_up(string fieldMap, string target)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        await EditCurrentLayoutAsync(sandbox);

        var failure = Assert.IsType<OptionsValidationException>(await StartupFailureAsync(sandbox, fieldMap));

        Assert.Contains($"'{target}'", failure.Message);
        Assert.Contains("not in the published contact UDF layout", failure.Message);
    }

    [Fact]
    public async Task A_published_label_resolves_while_the_current_layout_renames_it_and_the_new_label_after_publishing()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        await sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:5", label = "Branche" });

        Assert.Null(await StartupFailureAsync(sandbox, "vertical=Branche (KI)"));

        await sandbox.AdminSendAsync(HttpMethod.Post, "udeflayout/publish");
        var settings = sandbox.ConnectorSettings();
        settings["Sync:FieldMap"] = "vertical=Branche";
        await using var services = await TestServices.CreateAsync(settings);
        var field = Assert.Single(await services.GetRequiredService<SyncFieldMap>().GetAsync(CancellationToken.None));
        Assert.Equal(("SuperOffice:5", "Branche"), (field.Target.ProgId, field.Target.Label));
    }

    [Fact]
    public async Task The_worker_writes_by_the_published_labels_while_an_unpublished_edit_renames_them()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:FieldMap"] = "vertical=Branche (KI);summary=Zusammenfassung (KI)" });
        await EditCurrentLayoutAsync(harness.Sandbox);

        var contactId = await harness.CreateCompanyAsync("Wismarer Freizeit GmbH");
        await harness.DeliverAndProcessAsync(contactId);

        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal("Leisure", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.False(string.IsNullOrEmpty(await harness.UdfAsync(contactId, "SuperOffice:6")));
        Assert.Equal(2, JsonDocument.Parse(job.Details!).RootElement.GetProperty("written").GetArrayLength());
        Assert.Contains(harness.Logs.Entries, e => e.Text.Contains("\"Branche (KI)\""));
    }
}

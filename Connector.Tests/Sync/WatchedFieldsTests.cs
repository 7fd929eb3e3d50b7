using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Sync;

/// <summary>Sync:WatchedFields holds contact table columns, as a webhook's Changes names them.</summary>
public sealed class WatchedFieldsTests
{
    [Fact]
    public void The_default_watches_contact_table_columns_that_feed_the_enrichment()
    {
        var watched = new SyncOptions().WatchedFieldSet;

        Assert.All(watched, name => Assert.True(ContactTableColumns.Contains(name), $"'{name}' is no column of the contact table"));
        Assert.Superset(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "name", "department", "orgNr", "country_id", "business_idx", "category_idx" },
            watched.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("name,orgNr", new[] { "contact_id", "NAME", "updated" }, true)]
    [InlineData("Name, ORGNR", new[] { "contact_id", "orgnr" }, true)]
    [InlineData("name,orgNr", new[] { "contact_id", "updated", "updated_associate_id", "updatedCount" }, false)]
    [InlineData("name,orgNr", new[] { "contact_id", "userdef_id", "updated" }, false)]
    public void Changes_are_compared_ignoring_case(string watched, string[] changes, bool relevant) =>
        Assert.Equal(relevant, new SyncOptions { WatchedFields = watched }.Watches(changes));

    [Fact]
    public async Task Start_up_warns_about_a_watched_name_that_is_no_contact_column()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var settings = sandbox.ConnectorSettings();
        settings["Sync:WatchedFields"] = "name,url,Department,phone";
        var logs = new CapturingLoggerProvider();
        await using var services = await TestServices.CreateAsync(settings, logs: logs);

        await services.GetServices<IHostedService>().OfType<SyncStartupCheck>().Single().StartAsync(CancellationToken.None);

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Text.Contains("Sync:WatchedFields")).Select(e => e.Text).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("names url,"));
        Assert.Contains(warnings, w => w.Contains("names phone,"));
    }
}

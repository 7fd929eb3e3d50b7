using System.Text.Json;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Sync;

/// <summary>
/// A person types a value between the worker's read of a contact and its write: their value survives, end to end on
/// the sandbox and Azurite. The person's edit is made right before the worker's PATCH (or PUT's GET) goes out.
/// </summary>
public sealed class ConcurrentEditTests
{
    private static JsonElement Details(JobRecord job) => JsonDocument.Parse(job.Details!).RootElement;

    private static async Task<SyncHarness> StartAsync(PersonAtTheKeyboard person, Dictionary<string, string?>? settings = null) =>
        await SyncHarness.StartAsync(settings, configure: services =>
            services.AddHttpClient(SuperOfficeRegistration.ApiClientName).AddHttpMessageHandler(person.Handler));

    private static Func<Task> Types(SyncHarness harness, int contactId, string progId, string value) =>
        () => harness.EditAsync(contactId, new { udfs = new Dictionary<string, string> { [progId] = value } });

    private static async Task<List<int>> StatusesAsync(SyncHarness harness, string method, int contactId) =>
        [.. (await harness.Sandbox.RequestsAsync())
            .Where(r => r.GetProperty("method").GetString() == method && r.GetProperty("path").GetString()!.EndsWith($"/v1/Contact/{contactId}"))
            .Select(r => r.GetProperty("status").GetInt32())];

    [Fact]
    public async Task FillEmpty_keeps_a_value_typed_after_the_read_and_writes_the_rest_after_reading_again()
    {
        var person = new PersonAtTheKeyboard();
        await using var harness = await StartAsync(person);
        var contactId = await harness.CreateCompanyAsync("Stralsunder Freizeit GmbH");
        person.Arm(PersonAtTheKeyboard.Request(HttpMethod.Patch, contactId), Types(harness, contactId, "SuperOffice:5", "Tourismus (von Hand)"));

        await harness.DeliverAndProcessAsync(contactId);

        Assert.Equal(1, person.EditsMade);
        Assert.Equal("Tourismus (von Hand)", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.False(string.IsNullOrEmpty(await harness.UdfAsync(contactId, "SuperOffice:6")));
        Assert.Equal([409, 200], await StatusesAsync(harness, "PATCH", contactId));
        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Contains("read and decided again", job.Message);
        var written = Assert.Single(Details(job).GetProperty("written").EnumerateArray());
        Assert.Equal("SuperOffice:6", written.GetProperty("target").GetString());
        Assert.Contains(Details(job).GetProperty("kept").EnumerateArray(),
            k => k.GetProperty("target").GetString() == "SuperOffice:5" && k.GetProperty("why").GetString() == "HandTyped");
    }

    [Fact]
    public async Task A_second_conflict_writes_nothing_and_skips_the_job_as_ConcurrentEdit()
    {
        var person = new PersonAtTheKeyboard();
        await using var harness = await StartAsync(person);
        var contactId = await harness.CreateCompanyAsync("Greifswalder Freizeit GmbH");
        person.Arm(PersonAtTheKeyboard.Request(HttpMethod.Patch, contactId),
            Types(harness, contactId, "SuperOffice:5", "Tourismus (von Hand)"),
            Types(harness, contactId, "SuperOffice:6", "Notiz vom Vertrieb"));

        await harness.DeliverAndProcessAsync(contactId);

        Assert.Equal(2, person.EditsMade);
        Assert.Equal("Tourismus (von Hand)", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.Equal("Notiz vom Vertrieb", await harness.UdfAsync(contactId, "SuperOffice:6"));
        Assert.Equal([409, 409], await StatusesAsync(harness, "PATCH", contactId));
        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Skipped, job.Status);
        Assert.Equal(JobReasons.ConcurrentEdit, job.Reason);
        Assert.Contains("nothing was written", job.Message);
        Assert.Equal(0, Details(job).GetProperty("written").GetArrayLength());
        Assert.Contains(Details(job).GetProperty("kept").EnumerateArray(), k => k.GetProperty("why").GetString() == JobReasons.ConcurrentEdit);
    }

    [Fact]
    public async Task OverwriteOwn_does_not_replace_our_old_value_once_a_person_has_changed_it()
    {
        var person = new PersonAtTheKeyboard();
        await using var harness = await StartAsync(person, new() { ["Sync:Overwrite"] = "OverwriteOwn" });
        var contactId = await harness.CreateCompanyAsync("Rügener Freizeit KG");
        await harness.DeliverAndProcessAsync(contactId);
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);
        Assert.Equal("Leisure", await harness.UdfAsync(contactId, "SuperOffice:5"));

        // The company becomes a software house; while the worker enriches it, a person corrects the vertical by hand.
        person.Arm(PersonAtTheKeyboard.Request(HttpMethod.Patch, contactId), Types(harness, contactId, "SuperOffice:5", "Freizeit-Software"));
        await harness.EditAsync(contactId, new { fields = new Dictionary<string, string> { ["Name"] = "Rügener Software KG" } });
        await harness.DeliverAndProcessAsync(contactId, count: 1, changedBy: harness.Sandbox.Options.UiAssociateId);

        Assert.Equal(1, person.EditsMade);
        Assert.Equal("Freizeit-Software", await harness.UdfAsync(contactId, "SuperOffice:5"));
        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.changed" && j.Changes.Contains("name"));
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Contains(Details(job).GetProperty("kept").EnumerateArray(),
            k => k.GetProperty("target").GetString() == "SuperOffice:5" && k.GetProperty("why").GetString() == "HandTyped");
    }

    [Fact]
    public async Task Put_mode_checks_the_values_it_relied_on_before_it_puts_the_contact_back()
    {
        var person = new PersonAtTheKeyboard();
        await using var harness = await StartAsync(person, new() { ["SuperOffice:UdfWriteMode"] = "Put" });
        var contactId = await harness.CreateCompanyAsync("Usedomer Freizeit GmbH");
        // The worker's own read is the first GET; the person types before the write's GET.
        var gets = 0;
        var isGet = PersonAtTheKeyboard.Request(HttpMethod.Get, contactId);
        person.Arm(r => isGet(r) && Interlocked.Increment(ref gets) == 2, Types(harness, contactId, "SuperOffice:5", "Tourismus (von Hand)"));

        await harness.DeliverAndProcessAsync(contactId);

        Assert.Equal(1, person.EditsMade);
        Assert.Equal("Tourismus (von Hand)", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.False(string.IsNullOrEmpty(await harness.UdfAsync(contactId, "SuperOffice:6")));
        Assert.Equal([200], await StatusesAsync(harness, "PUT", contactId));
        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
    }
}

using System.Net;
using System.Text.Json;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.SuperOffice;

/// <summary>Contacts and their UDFs, the layout, the API user and lists, against the sandbox over HTTP.</summary>
public sealed class SuperOfficeContactTests
{
    [Fact]
    public async Task A_contact_is_read_into_the_typed_view_with_every_udf_known()
    {
        await using var h = await ClientHarness.StartAsync();
        var admin = await h.Sandbox.AdminGetAsync("contacts/3");

        var contact = await h.Client.GetContactAsync(3);

        Assert.Equal(3, contact.ContactId);
        Assert.Equal(admin.GetProperty("Name").GetString(), contact.Profile.Name);
        Assert.Equal(admin.GetProperty("OrgNr").GetString(), contact.Profile.OrgNr);
        Assert.Equal(admin.GetProperty("Urls").EnumerateArray().Select(u => u.GetProperty("Value").GetString()), contact.Profile.Urls);
        Assert.Equal(admin.GetProperty("Country").GetProperty("Name").GetString(), contact.Profile.Country);
        Assert.Equal(admin.GetProperty("Address").GetProperty("Street").GetProperty("City").GetString() is { Length: > 0 } street
            ? street
            : admin.GetProperty("Address").GetProperty("Postal").GetProperty("City").GetString(), contact.Profile.City);
        Assert.False(contact.Deleted);
        Assert.NotNull(contact.UpdatedDate);
        Assert.False(contact.UserDefinedFields.HasProblems);
        foreach (var progId in Enumerable.Range(1, 8).Select(i => $"SuperOffice:{i}"))
        {
            Assert.True(contact.UserDefinedFields.Get(progId).IsKnown, progId);
        }
        using var raw = JsonDocument.Parse(contact.RawJson);
        Assert.Equal(3, raw.RootElement.GetProperty("ContactId").GetInt32());
    }

    [Fact]
    public async Task Domains_are_read_as_strings_and_as_value_objects()
    {
        await using var h = await ClientHarness.StartAsync();
        foreach (var id in new[] { 1, 2 })
        {
            var contact = await h.Client.GetContactAsync(id);
            var admin = await h.Sandbox.AdminGetAsync($"contacts/{id}");
            Assert.Equal(admin.GetProperty("Domains").GetArrayLength(), contact.Profile.Domains.Count);
        }
    }

    [Fact]
    public async Task Every_udf_type_is_written_by_patch_and_read_back()
    {
        await using var h = await ClientHarness.StartAsync();
        var layout = await h.Client.GetContactUdefLayoutAsync();
        var values = UserDefinedFieldsWriter.EncodeAll(layout, new Dictionary<string, string?>
        {
            ["Kundennummer"] = "K-" + new string('9', 60),
            ["Newsletter"] = "yes",
            ["Letzter Besuch"] = "2025-02-03",
            ["Region"] = "3",
            ["Branche (KI)"] = "Maschinenbau",
            ["Zusammenfassung (KI)"] = "Ein Hersteller von Förderanlagen.",
            ["Mitarbeiter"] = "250",
            ["Umsatz"] = "1234.5",
        });

        var answer = await h.Client.PatchUserDefinedFieldsAsync(5, values);

        var udfs = answer.UserDefinedFields;
        Assert.Equal(40, udfs.Get("SuperOffice:1").Text!.Length);
        Assert.EndsWith("…", udfs.Get("SuperOffice:1").Text);
        Assert.True(udfs.Get("SuperOffice:2").Bool);
        Assert.Equal(new DateOnly(2025, 2, 3), udfs.Get("SuperOffice:3").Date);
        Assert.Equal((3, "Nord"), (udfs.Get("SuperOffice:4").ListItemId, udfs.Get("SuperOffice:4").DisplayText));
        Assert.Equal("Maschinenbau", udfs.Get("SuperOffice:5").Text);
        Assert.Equal(250m, udfs.Get("SuperOffice:7").Number);
        Assert.Equal(1234.5m, udfs.Get("SuperOffice:8").Number);

        var stored = (await h.Sandbox.AdminGetAsync("contacts/5")).GetProperty("UserDefinedFields");
        Assert.Equal("Ein Hersteller von Förderanlagen.", stored.GetProperty("SuperOffice:6").GetString());
        var patch = Assert.Single(await h.RequestsAsync("/v1/Contact/5"), r => r.GetProperty("method").GetString() == "PATCH");
        Assert.Equal(200, patch.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Put_mode_writes_by_get_modify_put_and_keeps_the_other_udfs()
    {
        await using var h = await ClientHarness.StartAsync(settings: new() { ["SuperOffice:UdfWriteMode"] = "Put" });
        var before = await h.Client.GetContactAsync(6);
        await h.ClearRequestsAsync();

        var answer = await h.Client.PatchUserDefinedFieldsAsync(6, new Dictionary<string, string?> { ["SuperOffice:5"] = "Handel" });

        Assert.Equal("Handel", answer.UserDefinedFields.Get("SuperOffice:5").Text);
        Assert.Equal(before.UserDefinedFields.Get("SuperOffice:1"), answer.UserDefinedFields.Get("SuperOffice:1"));
        Assert.Equal(before.Profile.Name, answer.Profile.Name);
        Assert.Equal(["GET", "PUT"], (await h.RequestsAsync("/v1/Contact/6")).Select(r => r.GetProperty("method").GetString()));
    }

    [Fact]
    public async Task The_malformed_tenant_is_read_without_a_single_failure()
    {
        await using var h = await ClientHarness.StartAsync(o => o.MalformedUdfs = true);
        var gateway = h.Services.GetRequiredService<IContactGateway>();

        for (var id = 1; id <= h.Sandbox.Options.CompanyCount; id++)
        {
            var contact = await h.Client.GetContactAsync(id);
            var wellFormed = (await h.Sandbox.AdminGetAsync($"contacts/{id}")).GetProperty("UserDefinedFields");
            var udfs = contact.UserDefinedFields;

            // {"Value": "[I:n]", "DisplayText": ...}: salvaged with its display text.
            Assert.Equal(wellFormed.GetProperty("SuperOffice:4").GetString(), udfs.Get("SuperOffice:4").Text);
            Assert.Equal(wellFormed.GetProperty("SuperOffice:4:DisplayText").GetString() is { Length: > 0 } text ? text : null,
                udfs.Get("SuperOffice:4").DisplayText is { Length: > 0 } shown ? shown : null);
            // ["True"]: the one value of the array.
            Assert.Equal(UdfEncoding.ParseBool(wellFormed.GetProperty("SuperOffice:2").GetString()), udfs.Get("SuperOffice:2").Bool);
            // null: known to be empty.
            Assert.Equal(UdfValueKind.Empty, udfs.Get("SuperOffice:3").Kind);
            // JSON numbers.
            Assert.Equal(decimal.Parse(wellFormed.GetProperty("SuperOffice:7").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                udfs.Get("SuperOffice:7").Number);
            Assert.Equal(wellFormed.GetProperty("SuperOffice:1").GetString(), udfs.Get("SuperOffice:1").Text);

            var synced = await gateway.GetContactAsync(id, CancellationToken.None);
            Assert.NotNull(synced);
            Assert.Equal(CurrentValueKind.Empty, synced.Udfs["SuperOffice:3"].Kind);
        }
    }

    [Fact]
    public async Task Client_errors_are_typed_carry_superoffices_message_and_are_not_retried()
    {
        await using var h = await ClientHarness.StartAsync();

        var unknown = await Assert.ThrowsAsync<SuperOfficeApiException>(() =>
            h.Client.PatchUserDefinedFieldsAsync(1, new Dictionary<string, string?> { ["SuperOffice:99"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.False(unknown.IsTransient);
        Assert.Contains("SuperOffice:99", unknown.SuperOfficeMessage);
        Assert.Contains("400", unknown.Message);
        Assert.Single(await h.RequestsAsync("/v1/Contact/1"), r => r.GetProperty("method").GetString() == "PATCH");

        var missing = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(999_999));
        Assert.True(missing.IsNotFound);
        Assert.Null(await h.Services.GetRequiredService<IContactGateway>().GetContactAsync(999_999, CancellationToken.None));
    }

    [Fact]
    public async Task Contacts_are_created_and_the_layout_principal_and_product_families_read()
    {
        await using var h = await ClientHarness.StartAsync();

        var created = await h.Client.CreateContactAsync(new NewContact
        {
            Name = "Neu AG",
            OrgNr = "DE999",
            Urls = [new ContactValue("https://neu.example")],
            UserDefinedFields = new Dictionary<string, string> { ["SuperOffice:1"] = "K-NEU" },
        });
        Assert.True(created.ContactId > 0);
        var stored = await h.Sandbox.AdminGetAsync($"contacts/{created.ContactId}");
        Assert.Equal("Neu AG", stored.GetProperty("Name").GetString());
        Assert.Equal("K-NEU", stored.GetProperty("UserDefinedFields").GetProperty("SuperOffice:1").GetString());

        var layout = await h.Client.GetContactUdefLayoutAsync();
        Assert.Equal(8, layout.Fields.Count);
        Assert.Equal(("SuperOffice:5", UdefFieldType.ShortText, 40), (layout.Find("Branche (KI)")!.ProgId, layout.Find("Branche (KI)")!.FieldType, layout.Find("Branche (KI)")!.TextLength));
        Assert.Equal(UdefFieldType.Decimal, layout.Find("SuperOffice:8")!.FieldType);
        Assert.Equal(UdefFieldType.Checkbox, layout.Find("Newsletter")!.FieldType);

        var principal = await h.Client.GetCurrentPrincipalAsync();
        Assert.Equal((528, "Cust12345"), (principal.AssociateId, principal.DatabaseContextIdentifier));

        var families = await h.Client.GetProductFamiliesAsync();
        Assert.NotEmpty(families);
        Assert.All(families, f => Assert.False(string.IsNullOrEmpty(f.Name)));
    }

    [Fact]
    public async Task Raw_get_returns_the_body_exactly_as_sent()
    {
        await using var h = await ClientHarness.StartAsync();
        using var direct = await h.Sandbox.ApiClientAsync();
        var expected = await direct.GetStringAsync("Contact/4");

        Assert.Equal(expected, await h.Client.GetRawAsync("v1/Contact/4"));
        Assert.Equal(expected, await h.Client.GetRawAsync("/api/v1/Contact/4"));
    }

    [Fact]
    public async Task The_gateway_writes_only_the_given_udfs_and_encodes_per_type()
    {
        await using var h = await ClientHarness.StartAsync();
        var gateway = h.Services.GetRequiredService<IContactGateway>();
        var targets = await gateway.GetUdfLayoutAsync(CancellationToken.None);
        var date = targets.Single(t => t.ProgId == "SuperOffice:3");

        Assert.Equal("[D:12/24/2025]", gateway.Encode(date, "2025-12-24"));
        Assert.Throws<SyncPermanentException>(() => gateway.Encode(date, "soon"));

        Assert.Equal(UdfWriteOutcome.Written, await gateway.WriteUdfsAsync(7, [new UdfWrite("SuperOffice:5", "Logistik")], CancellationToken.None));
        var contact = await gateway.GetContactAsync(7, CancellationToken.None);
        Assert.Equal(CurrentValue.Of("Logistik"), contact!.Udfs["SuperOffice:5"]);
    }
}

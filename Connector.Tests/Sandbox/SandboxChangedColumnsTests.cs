using System.Text.Json.Nodes;
using Connector.Core.SuperOffice;
using Connector.Sandbox;
using Connector.Sandbox.Tenant;

namespace Connector.Tests.Sandbox;

/// <summary>Which contact table columns the sandbox names in a contact.changed's <c>Changes</c>, edit by edit.</summary>
public sealed class SandboxChangedColumnsTests
{
    private static (TenantStore Store, List<ContactEvent> Raised) Tenant()
    {
        var store = new TenantStore(new SandboxOptions { CompanyCount = 3, SaleCount = 0 }, () => "http://127.0.0.1/Cust12345/api/");
        var raised = new List<ContactEvent>();
        store.ContactEventRaised += raised.Add;
        return (store, raised);
    }

    private static void Edit(TenantStore store, int id, string mergePatch) =>
        store.UpdateContact(id, doc => EntityPatch.Apply(doc, JsonNode.Parse(mergePatch)!), associateId: 12);

    [Theory]
    [InlineData("""{"Urls":[{"Value":"https://neu.example"}]}""")]
    [InlineData("""{"Emails":[{"Value":"info@neu.example"}],"Phones":[{"Value":"+49 40 123"}]}""")]
    [InlineData("""{"Address":{"Postal":{"City":"Kiel"}}}""")]
    public void An_edit_of_other_tables_only_is_stored_but_raises_no_contact_event(string edit)
    {
        var (store, raised) = Tenant();
        var before = store.ContactJsonOf(1, _ => Connector.Sandbox.Tenant.UdfShape.Documented)!;

        Edit(store, 1, edit);

        Assert.Empty(raised);
        var after = store.ContactJsonOf(1, _ => Connector.Sandbox.Tenant.UdfShape.Documented)!;
        Assert.NotEqual(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(before["UpdatedDate"]!.GetValue<string>(), after["UpdatedDate"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"Name":"Neuer Name GmbH","Urls":[{"Value":"https://neu.example"}]}""", "name")]
    [InlineData("""{"Department":"Einkauf","Phones":[{"Value":"+49 40 123"}]}""", "department")]
    [InlineData("""{"OrgNr":"DE123456789"}""", "orgNr")]
    [InlineData("""{"Country":{"CountryId":COUNTRY}}""", "country_id")]
    [InlineData("""{"UserDefinedFields":{"SuperOffice:5":"Handel"}}""", "userdef_id")]
    public void A_contact_edit_names_contact_table_columns_only(string edit, string column)
    {
        var (store, raised) = Tenant();
        var country = store.ContactJsonOf(2, _ => Connector.Sandbox.Tenant.UdfShape.Documented)!["Country"]!["CountryId"]!.GetValue<int>();

        Edit(store, 2, edit.Replace("COUNTRY", country == 578 ? "752" : "578"));

        var changed = Assert.Single(raised);
        Assert.Equal("contact.changed", changed.Event);
        Assert.Contains(column, changed.Changes);
        Assert.All(changed.Changes, c => Assert.True(ContactTableColumns.Contains(c), $"'{c}' is no column of the contact table"));
        Assert.DoesNotContain("url", changed.Changes);
    }
}

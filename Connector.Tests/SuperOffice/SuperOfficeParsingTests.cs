using System.Text;
using System.Text.Json;
using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

/// <summary>Answers of odd shape are read, not fatal: contacts, layouts, archive rows, JWT claims, error bodies.</summary>
public sealed class SuperOfficeParsingTests
{
    [Fact]
    public void A_contact_is_read_tolerantly_and_keeps_its_raw_json()
    {
        var json = """
            {
              "ContactId": "17", "Name": "Müller GmbH", "Department": "", "OrgNr": "DE123",
              "Urls": [{"Value": "https://mueller.example", "Description": ""}, {"Value": ""}],
              "Domains": ["mueller.example"],
              "Country": {"CountryId": 276, "Name": "Deutschland", "TwoLetterISOCountry": "DE"},
              "Address": {"Postal": {"City": "Köln"}, "Street": {"City": ""}},
              "Phones": [{"Value": "+49 221 1"}], "Emails": [{"Value": "info@mueller.example"}],
              "Category": {"Id": 1, "Value": "Kunde"}, "Business": "IT",
              "UpdatedDate": "2025-04-01T10:00:00", "Deleted": 0,
              "UserDefinedFields": {"SuperOffice:1": "K-17", "SuperOffice:4": {"Value": "[I:1]"}},
              "Unexpected": {"deeply": [1, 2, {"x": null}]}
            }
            """;
        var contact = SuperOfficeContact.Parse(json);

        Assert.Equal(17, contact.ContactId);
        Assert.Equal("Müller GmbH", contact.Profile.Name);
        Assert.Equal(["https://mueller.example"], contact.Profile.Urls);
        Assert.Equal(["mueller.example"], contact.Profile.Domains);
        Assert.Equal("Deutschland", contact.Profile.Country);
        Assert.Equal("Köln", contact.Profile.City);
        Assert.Equal(["+49 221 1"], contact.Profile.Phones);
        Assert.Equal(["info@mueller.example"], contact.Profile.Emails);
        Assert.Equal(("Kunde", "IT"), (contact.Profile.Category, contact.Profile.Business));
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.Zero), contact.UpdatedDate);
        Assert.False(contact.Deleted);
        Assert.Equal("K-17", contact.UserDefinedFields.Get("SuperOffice:1").Text);
        Assert.Equal(1, contact.UserDefinedFields.Get("SuperOffice:4").ListItemId);
        Assert.Same(json, contact.RawJson);
    }

    [Fact]
    public void A_deleted_contact_with_an_empty_date_and_odd_types()
    {
        var contact = SuperOfficeContact.Parse("""{"ContactId": 3, "Deleted": 1, "UpdatedDate": "0001-01-01T00:00:00", "Urls": "x", "Country": 5}""");
        Assert.True(contact.Deleted);
        Assert.Null(contact.UpdatedDate);
        Assert.Empty(contact.Profile.Urls);
        Assert.Null(contact.Profile.Country);
        // No UserDefinedFields at all: nothing can be told about a field (not the same as an empty one).
        Assert.Equal(UdfValueKind.Unreadable, contact.UserDefinedFields.Get("SuperOffice:1").Kind);
    }

    [Theory]
    [InlineData("""[{"ProgId":"SuperOffice:1","FieldLabel":"Kundennummer","FieldType":"ShortText","TextLength":40},{"ProgId":"SuperOffice:4","FieldLabel":"Region","FieldType":7}]""")]
    [InlineData("""{"value":[{"ProgId":"SuperOffice:1","FieldLabel":"Kundennummer","FieldType":"ShortText","TextLength":"40"},{"progId":"SuperOffice:4","fieldLabel":"Region","fieldType":"List"},{"FieldLabel":"no progid"}]}""")]
    public void The_udef_layout_is_an_array_or_an_object_holding_it(string json)
    {
        using var document = JsonDocument.Parse(json);
        var layout = UdefLayout.Parse(document.RootElement);

        Assert.Equal(2, layout.Fields.Count);
        var number = layout.Find("kundennummer")!;
        Assert.Equal(("SuperOffice:1", UdefFieldType.ShortText, 40), (number.ProgId, number.FieldType, number.TextLength));
        Assert.Equal(UdefFieldType.List, layout.Find("SuperOffice:4")!.FieldType);
        Assert.Null(layout.Find("SuperOffice:9"));
    }

    [Fact]
    public void Archive_rows_take_string_keys_and_empty_dates()
    {
        using var document = JsonDocument.Parse("""{"PrimaryKey": "1001", "EntityName": "sale", "saleId": 1001, "heading": "Lizenz", "amount": "1500.5", "date": "0001-01-01T00:00:00", "updatedDate": "2020-04-22T15:51:25"}""");
        var row = ArchiveRow.Parse(document.RootElement)!;

        Assert.Equal((1001, "1001", "sale"), (row.PrimaryKey, row.PrimaryKeyText, row.EntityName));
        Assert.Equal("Lizenz", row.GetText("Heading"));
        Assert.Equal(1500.5m, row.GetDecimal("amount"));
        Assert.Null(row.GetDate("date"));
        Assert.Equal(2020, row.GetDate("updatedDate")!.Value.Year);
        Assert.Null(row.GetText("missing"));
    }

    [Theory]
    [InlineData("""{"Error":"Contact not found","ErrorType":"NotFound"}""", "NotFound: Contact not found")]
    [InlineData("""{"Message":"Invalid field"}""", "Invalid field")]
    [InlineData("""{"error":"invalid_grant","error_description":"The refresh token test-client-secret-5d1e is bad"}""", "invalid_grant: The refresh token *** is bad")]
    [InlineData("plain text failure", "plain text failure")]
    [InlineData("<html><body>502</body></html>", null)]
    [InlineData("", null)]
    public async Task Error_messages_are_read_and_scrubbed(string body, string? expected)
    {
        var secrets = new SuperOfficeSecrets(Microsoft.Extensions.Options.Options.Create(new Connector.Core.Configuration.SuperOfficeOptions
        {
            ClientSecret = "test-client-secret-5d1e",
        }));
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent(body) };
        Assert.Equal(expected, await SuperOfficeErrors.ReadMessageAsync(response, secrets, CancellationToken.None));
    }

}

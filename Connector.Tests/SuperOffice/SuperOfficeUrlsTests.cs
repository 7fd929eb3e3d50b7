using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

public sealed class SuperOfficeUrlsTests
{
    [Theory]
    [InlineData("https://sod2.superoffice.com/Cust12345/api/", "https://sod2.superoffice.com/Cust12345/api/")]
    [InlineData("https://sod2.superoffice.com/Cust12345/api", "https://sod2.superoffice.com/Cust12345/api/")]
    [InlineData("https://sod2.superoffice.com/Cust12345/api//", "https://sod2.superoffice.com/Cust12345/api/")]
    [InlineData("https://sod2.superoffice.com:443/Cust12345/api/v1/", "https://sod2.superoffice.com/Cust12345/api/")]
    [InlineData("https://sod2.superoffice.com/Cust12345", "https://sod2.superoffice.com/Cust12345/api/")]
    [InlineData(" http://127.0.0.1:5080/Cust12345/api/?x=1 ", "http://127.0.0.1:5080/Cust12345/api/")]
    public void Api_bases_end_in_api_slash(string input, string expected) =>
        Assert.Equal(new Uri(expected), SuperOfficeUrls.TryNormalizeApiBase(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Cust12345/api")]
    [InlineData("/v1/Contact")]
    [InlineData("ftp://example.com/api")]
    public void Non_urls_give_null(string? input) => Assert.Null(SuperOfficeUrls.TryNormalizeApiBase(input));

    [Theory]
    [InlineData("v1/Contact/5")]
    [InlineData("/v1/Contact/5")]
    [InlineData("api/v1/Contact/5")]
    [InlineData("/api/v1/Contact/5")]
    [InlineData("Contact/5")]
    [InlineData("http://127.0.0.1:5080/Cust12345/api/v1/Contact/5")]
    public void Endpoints_resolve_under_the_base(string path)
    {
        var apiBase = new Uri("http://127.0.0.1:5080/Cust12345/api/");
        Assert.Equal(new Uri("http://127.0.0.1:5080/Cust12345/api/v1/Contact/5"), SuperOfficeUrls.Resolve(apiBase, path));
    }

    [Fact]
    public void Absolute_urls_elsewhere_are_refused() =>
        Assert.Throws<ArgumentException>(() => SuperOfficeUrls.Resolve(new Uri("https://sod.superoffice.com/Cust1/api/"), "https://evil.example/api/v1/Contact/5"));

    [Fact]
    public void Archive_page_urls_escape_the_query()
    {
        var url = SuperOfficeArchiveClient.PageUrl("v1/Sale", new ArchiveQuery
        {
            Select = ["saleId", "heading", "contact/name"],
            Filter = "date thisYear",
            OrderBy = "saleId asc",
        }, 200, 400);
        Assert.Equal("v1/Sale?$select=saleId%2Cheading%2Ccontact%2Fname&$filter=date%20thisYear&$orderBy=saleId%20asc&$top=200&$skip=400", url);
    }
}

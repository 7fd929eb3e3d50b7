using Connector.Core.Telemetry;

namespace Connector.Tests.Telemetry;

public sealed class RouteTemplateTests
{
    [Theory]
    [InlineData("https://sod.superoffice.com/Cust12345/api/v1/Contact/5", "/Cust12345/api/v1/Contact/{id}")]
    [InlineData("https://sod.superoffice.com/Cust12345/api/v1/Contact/5?$select=name&code=s3cret", "/Cust12345/api/v1/Contact/{id}")]
    [InlineData("https://sod.superoffice.com/Cust12345/api/v1/Contact/UdefLayout/Published", "/Cust12345/api/v1/Contact/UdefLayout/Published")]
    [InlineData("https://sod.superoffice.com/api/state/Cust12345", "/api/state/Cust12345")]
    [InlineData("http://127.0.0.1:5080/Cust12345/api/v1/Webhook/12", "/Cust12345/api/v1/Webhook/{id}")]
    [InlineData("https://ce.example/jobs/3f2504e0-4f89-11d3-9a0c-0305e82c3301/result", "/jobs/{id}/result")]
    public void Ids_become_a_placeholder_and_the_query_is_dropped(string url, string template) =>
        Assert.Equal(template, RouteTemplate.For(new Uri(url)));
}

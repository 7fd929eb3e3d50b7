using System.Text;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Intake;

/// <summary>Every refusal through the real function on Azurite: status, problem body, and nothing written.</summary>
public sealed class WebhookRejectionTests
{
    private static async Task AssertRejectedAsync(IntakeHarness harness, HttpTestRequest.Executed response, int status, string titleFragment)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType);
        var problem = response.Json;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Contains(titleFragment, problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain(TestServices.WebhookSecret, response.Body);
        Assert.DoesNotContain(TestServices.PreviousWebhookSecret, response.Body);
        Assert.Empty(await harness.Probe.JobRowsAsync());
        Assert.Empty(await harness.Probe.DecodedMessagesAsync());
        Assert.DoesNotContain(TestServices.WebhookSecret, harness.Logs.AllText);
    }

    [Fact]
    public async Task Missing_signature_is_401()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var response = await harness.PostAsync(IntakeHarness.Payload(), headers: null);
        await AssertRejectedAsync(harness, response, 401, "signature");
    }

    [Fact]
    public async Task Signature_from_another_secret_is_401()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload();
        var response = await harness.PostAsync(body, IntakeHarness.SignedHeaders(body, "someone-elses-secret"));
        await AssertRejectedAsync(harness, response, 401, "signature");
    }

    [Fact]
    public async Task Tampered_body_fixture_is_401()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var fixture = WebhookFixtures.All["tampered"];
        var response = await harness.PostAsync(fixture.Body, new Dictionary<string, string> { [WebhookSignature.HeaderName] = fixture.Signature });
        await AssertRejectedAsync(harness, response, 401, "signature");
    }

    [Theory]
    [InlineData("\"PrimaryKey\":4711", "\"PrimaryKey\":4711,\"PrimaryKey\":4712", "PrimaryKey appears more than once")]
    [InlineData("\"Event\":\"contact.changed\"", "\"Event\":\"contact.changed\",\"event\":\"contact.created\"", "Event appears more than once")]
    [InlineData("\"PrimaryKey\":4711", "\"PrimaryKey\":0", "PrimaryKey must be a positive id")]
    [InlineData("\"PrimaryKey\":4711", "\"PrimaryKey\":-7", "PrimaryKey must be a positive id")]
    public async Task A_field_given_twice_or_an_id_that_is_not_positive_is_400(string field, string replacement, string detail)
    {
        // Found by the fuzz test: both were taken, the first value of a doubled field winning.
        await using var harness = await IntakeHarness.CreateAsync();
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(IntakeHarness.Payload(contactId: 4711)).Replace(field, replacement, StringComparison.Ordinal));
        var response = await harness.PostAsync(body, IntakeHarness.SignedHeaders(body));
        await AssertRejectedAsync(harness, response, 400, "payload");
        Assert.Contains(detail, response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = Encoding.UTF8.GetBytes("{\"EventId\": \"8337ae4a-1dd6-40fd-8dc7-a050664a0af7\", \"Event\": ");
        var response = await harness.PostAsync(body, IntakeHarness.SignedHeaders(body));
        await AssertRejectedAsync(harness, response, 400, "payload");
        Assert.Contains("not valid JSON", response.Json.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("EventId", "missing")]
    [InlineData("Event", "missing")]
    [InlineData("PrimaryKey", "missing")]
    [InlineData("Entity", "missing")]
    [InlineData("ContextIdentifier", "missing")]
    [InlineData("ChangedByAssociateId", "missing")]
    public async Task Missing_required_field_is_400_naming_it(string field, string word)
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload(change: json => json.Remove(field));
        var response = await harness.PostSignedAsync(body);
        await AssertRejectedAsync(harness, response, 400, "payload");
        Assert.Contains($"{field} is {word}", response.Json.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("PrimaryKey", "\"994863\"")]
    [InlineData("PrimaryKey", "1.5")]
    [InlineData("ChangedByAssociateId", "\"316\"")]
    [InlineData("EventId", "\"not-a-guid\"")]
    [InlineData("EventId", "42")]
    [InlineData("Event", "7")]
    public async Task Ill_typed_required_field_is_400_naming_it(string field, string rawValue)
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload(change: json => json[field] = System.Text.Json.Nodes.JsonNode.Parse(rawValue));
        var response = await harness.PostSignedAsync(body);
        await AssertRejectedAsync(harness, response, 400, "payload");
        Assert.Contains(field, response.Json.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Changes", "[\"contact_id\", \"\\ud800\"]")]
    [InlineData("Event", "\"contact.\\ud800changed\"")]
    [InlineData("Entity", "\"\\udc00\"")]
    [InlineData("EventId", "\"\\ud800\"")]
    [InlineData("ContextIdentifier", "\"Cust12345\\ud800\"")]
    [InlineData("Timestamp", "\"\\ud800\"")]
    [InlineData("WebhookName", "\"enrichment\\udfff\"")]
    public async Task A_lone_surrogate_escape_in_a_string_field_is_400_naming_it(string field, string rawValue)
    {
        await using var harness = await IntakeHarness.CreateAsync();
        // Valid JSON (the reader accepts the escape), correctly signed, but the string is no valid UTF-16 text.
        var template = Encoding.UTF8.GetString(IntakeHarness.Payload(change: json => json[field] = "@@placeholder@@"));
        var body = Encoding.UTF8.GetBytes(template.Replace("\"@@placeholder@@\"", rawValue, StringComparison.Ordinal));
        var response = await harness.PostSignedAsync(body);
        await AssertRejectedAsync(harness, response, 400, "payload");
        var detail = response.Json.GetProperty("detail").GetString();
        Assert.Contains(field, detail);
        Assert.Contains("not valid text", detail);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_property_name_is_400()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        // The unknown property is looked at while the optional WebhookName is searched for case-insensitively.
        var template = Encoding.UTF8.GetString(IntakeHarness.Payload(change: json => { json.Remove("WebhookName"); json["@@placeholder@@"] = 1; }));
        var body = Encoding.UTF8.GetBytes(template.Replace("@@placeholder@@", "x\\ud800", StringComparison.Ordinal));
        var response = await harness.PostSignedAsync(body);
        await AssertRejectedAsync(harness, response, 400, "payload");
        Assert.Contains("not valid text", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Foreign_tenant_is_403()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var response = await harness.PostSignedAsync(IntakeHarness.Payload(tenant: "Cust99999"));
        await AssertRejectedAsync(harness, response, 403, "tenant");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_256_KiB_is_413_without_reading_it_whole(bool sendContentLength)
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = new byte[300 * 1024];
        Array.Fill(body, (byte)' ');
        var stream = new CountingStream(body);
        var request = HttpTestRequest.Create("POST", null, IntakeHarness.SignedHeaders(body));
        request.Body = stream;
        if (sendContentLength)
        {
            request.ContentLength = body.Length;
        }
        var response = await HttpTestRequest.ExecuteAsync(await harness.Function.Run(request, CancellationToken.None));
        await AssertRejectedAsync(harness, response, 413, "too large");
        Assert.True(stream.BytesRead <= 256 * 1024 + 1, $"read {stream.BytesRead} bytes");
        if (sendContentLength)
        {
            Assert.Equal(0, stream.BytesRead);
        }
    }

    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}

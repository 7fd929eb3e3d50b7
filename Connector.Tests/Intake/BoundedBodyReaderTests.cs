using Connector.Core.Intake;

namespace Connector.Tests.Intake;

public sealed class BoundedBodyReaderTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(5000, false)]
    [InlineData(256 * 1024, true)]
    [InlineData(256 * 1024, false)]
    public async Task Reads_bodies_up_to_the_limit_whole(int size, bool sendLength)
    {
        var data = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
        var body = await BoundedBodyReader.ReadAsync(new MemoryStream(data), sendLength ? size : null);
        Assert.Equal(data, body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refuses_one_byte_over_the_limit(bool sendLength)
    {
        var data = new byte[256 * 1024 + 1];
        Assert.Null(await BoundedBodyReader.ReadAsync(new MemoryStream(data), sendLength ? data.Length : null));
    }

    [Fact]
    public async Task A_content_length_that_understates_the_body_does_not_get_past_the_limit()
    {
        var data = new byte[400 * 1024];
        Assert.Null(await BoundedBodyReader.ReadAsync(new MemoryStream(data), 10));
    }
}

using Tessera.Scraping;

namespace Tessera.Tests.Scraping;

public sealed class RobotsTxtTests
{
    [Fact]
    public void The_longest_match_wins_and_allow_wins_a_tie_rfc_9309()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /private/
            Allow: /private/public/
            Disallow: /*.php$
            Disallow: /tie
            Allow: /tie
            Crawl-delay: 2
            """, "TesseraBot");
        Assert.False(robots.Allows("/private/x.jpg"));
        Assert.True(robots.Allows("/private/public/x.jpg"));
        Assert.False(robots.Allows("/a/b/index.php"));
        Assert.True(robots.Allows("/a/b/index.php?x=1"));
        Assert.True(robots.Allows("/tie"));
        Assert.True(robots.Allows("/elsewhere"));
        Assert.True(robots.Allows("/robots.txt"));
        Assert.Equal(TimeSpan.FromSeconds(2), robots.CrawlDelay);
    }

    [Fact]
    public void A_group_naming_our_token_replaces_the_star_group_and_groups_with_it_merge()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /

            User-agent: OtherBot
            User-agent: tesserabot/2.1
            Disallow: /no-images/   # comment
            
            user-agent: TesseraBot
            disallow: /also-not
            """, "TesseraBot");
        Assert.True(robots.Allows("/gallery"));
        Assert.False(robots.Allows("/no-images/a.png"));
        Assert.False(robots.Allows("/also-not"));
    }

    [Fact]
    public void An_empty_disallow_allows_everything_and_the_failure_defaults_are_the_rfcs()
    {
        Assert.True(RobotsTxt.Parse("User-agent: *\nDisallow:\n", "TesseraBot").Allows("/x"));
        Assert.True(RobotsTxt.AllowAll.Allows("/anything"));
        Assert.False(RobotsTxt.DisallowAll.Allows("/anything"));
    }

    [Fact]
    public void A_hostile_pattern_is_matched_in_linear_steps()
    {
        var pattern = "/" + string.Concat(Enumerable.Repeat("*a", 200)) + "b$";
        var robots = RobotsTxt.Parse($"User-agent: *\nDisallow: {pattern}\n", "TesseraBot");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(robots.Allows("/" + new string('a', 2000)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), clock.Elapsed.ToString());
    }
}

using Tessera.Surfaces.PixelsOcean;
using Tessera.Surfaces.PixelEngine;
using Tessera.Surfaces.PixelDojo;
using Tessera.Surfaces.BillionSatoshi;
using Tessera.Surfaces.OneMillionPixels;
using Tessera.Http;

namespace Tessera.Surfaces.Discovery;

/// <summary>
/// The section names of each seed doc that the OpenAPI documents group operations under (their tags), so an agent that
/// knows the original service's docs finds each route under the heading it expects. The Billion Satoshi seed is a
/// JSON description without headings: its groups are named after the words its notes use (canvas, Reverse Turing
/// Test, placements, payments).
/// </summary>
public static class SeedSections
{
    public static class OneMillionPixels
    {
        public const string Endpoints = "Endpoints";
        public const string ReferralAndAgents = "Referral & Agent Endpoints";
    }

    public static class BillionSatoshi
    {
        public const string Canvas = "Canvas";
        public const string ReverseTuringTest = "Reverse Turing Test";
        public const string Placements = "Placements";
        public const string Payments = "Payments";
    }

    public static class PixelDojo
    {
        public const string GettingStarted = "Getting Started";
        public const string FeaturedModels = "Featured Models";
        public const string GenerationJobs = "Generation Jobs API";
    }

    public static class PixelEngine
    {
        public const string Authentication = "Authentication";
        public const string Credits = "Credits";
        public const string Polling = "Polling";
    }

    public static class PixelsOcean
    {
        public const string Media = "Media Library";
        public const string Collections = "Collections & Sharing";
        public const string Watermark = "Watermark";
        public const string Scraping = "Scraping";
        public const string LiveEditor = "Live Editor";
        public const string Jobs = "Jobs";
    }

    /// <summary>The sections a surface's operations may be tagged with.</summary>
    public static IReadOnlyList<string> Of(string surfaceName) => surfaceName switch
    {
        OneMillionPixelsSurface.Name => [OneMillionPixels.Endpoints, OneMillionPixels.ReferralAndAgents],
        BillionSatoshiSurface.Name => [BillionSatoshi.Canvas, BillionSatoshi.ReverseTuringTest, BillionSatoshi.Placements, BillionSatoshi.Payments],
        PixelDojoSurface.Name => [PixelDojo.GettingStarted, PixelDojo.FeaturedModels, PixelDojo.GenerationJobs],
        PixelEngineSurface.Name => [PixelEngine.Authentication, PixelEngine.Credits, PixelEngine.Polling],
        PixelsOceanSurface.Name => [PixelsOcean.Media, PixelsOcean.Collections, PixelsOcean.Watermark, PixelsOcean.LiveEditor, PixelsOcean.Jobs, PixelsOcean.Scraping],
        _ => [],
    };

    /// <summary>The OpenAPI document title and the name <c>/docs</c> lists it under.</summary>
    public static string TitleOf(string surfaceName) => surfaceName switch
    {
        OneMillionPixelsSurface.Name => "Tessera — One Million Pixels",
        BillionSatoshiSurface.Name => "Tessera — Billion Satoshi",
        PixelDojoSurface.Name => "Tessera — PixelDojo",
        PixelEngineSurface.Name => "Tessera — Pixel Engine",
        PixelsOceanSurface.Name => "Tessera — Pixels Ocean",
        _ => "Tessera — operator API",
    };
}

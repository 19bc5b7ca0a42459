<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\Common\Settings;

final class SettingsTest extends TestCase
{
    public function testCompleteSettingsHaveNoProblems(): void
    {
        $settings = new Settings(' https://thankyou.example/ ', ' acme ', 'k1', " s3cret\n");
        $this->assertSame([], $settings->problems());
        $this->assertSame('https://thankyou.example', $settings->serverUrl);
        $this->assertSame('acme', $settings->shopKey);
        $this->assertSame('s3cret', $settings->secret);
    }

    public function testTheKeyIdMayBeLeftEmpty(): void
    {
        $this->assertSame([], (new Settings('http://127.0.0.1:8000', 'demo', '', 's'))->problems());
    }

    public function testEachProblemIsNamed(): void
    {
        $this->assertSame(['server_url', 'shop_key', 'secret'], (new Settings('', '', '', ''))->problems());
        $this->assertSame(
            ['server_url', 'shop_key', 'key_id'],
            (new Settings('ftp://thankyou.example', 'a shop', 'k 1', 's'))->problems()
        );
        $this->assertSame(['server_url'], (new Settings('https://thankyou.example/?x=1', 'acme', 'k1', 's'))->problems());
        $this->assertSame(['server_url'], (new Settings('thankyou.example', 'acme', 'k1', 's'))->problems());
    }

    public function testTheLifetimeStaysWithinWhatTheServerTakes(): void
    {
        $this->assertSame(86400, (new Settings('https://t.example', 'a', 'k', 's', false, 999999))->lifetime);
    }
}

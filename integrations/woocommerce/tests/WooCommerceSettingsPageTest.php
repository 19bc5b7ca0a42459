<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use Thankyou\WooCommerce\SettingsPage;

final class WooCommerceSettingsPageTest extends TestCase
{
    protected function setUp(): void
    {
        WpStub::reset();
    }

    public function testAnEmptySecretKeepsTheStoredOne(): void
    {
        WpStub::$options['thankyou_embed'] = ['secret' => 'stored-secret'];
        $values = (new SettingsPage())->sanitize([
            'server_url' => ' https://thankyou.example ',
            'shop_key' => 'acme',
            'key_id' => 'k1',
            'secret' => '',
            'referrals' => '1',
        ]);

        $this->assertSame([
            'server_url' => 'https://thankyou.example',
            'shop_key' => 'acme',
            'key_id' => 'k1',
            'secret' => 'stored-secret',
            'test_mode' => false,
            'referrals' => true,
        ], $values);
        $this->assertSame([], WpStub::$settingsErrors);
    }

    public function testEachSettingThePluginCannotSignWithIsNamed(): void
    {
        (new SettingsPage())->sanitize(['server_url' => 'thankyou.example', 'shop_key' => 'my shop']);

        $this->assertSame(
            ['thankyou_embed_server_url', 'thankyou_embed_shop_key', 'thankyou_embed_secret'],
            array_column(WpStub::$settingsErrors, 0)
        );
    }

    public function testTheSecretIsNeverSentBackToTheBrowser(): void
    {
        WpStub::$options['thankyou_embed'] = ['secret' => 'stored-secret'];
        ob_start();
        (new SettingsPage())->render_field(['name' => 'secret', 'type' => 'password', 'help' => '', 'label_for' => 'thankyou_embed_secret']);
        $html = ob_get_clean();

        $this->assertStringNotContainsString('stored-secret', $html);
        $this->assertStringContainsString('value=""', $html);
        $this->assertStringContainsString('placeholder="Stored: leave empty to keep it"', $html);
    }

    public function testFieldsAreLabelledAndDescribed(): void
    {
        WpStub::$options['thankyou_embed'] = ['server_url' => 'https://thankyou.example/"x'];
        ob_start();
        (new SettingsPage())->render_field(['name' => 'server_url', 'type' => 'url', 'help' => 'For example', 'label_for' => 'thankyou_embed_server_url']);
        $html = ob_get_clean();

        $this->assertSame(
            '<input type="url" id="thankyou_embed_server_url" name="thankyou_embed[server_url]" value="https://thankyou.example/&quot;x" class="regular-text" aria-describedby="thankyou_embed_server_url_help">'
            . '<p class="description" id="thankyou_embed_server_url_help">For example</p>',
            $html
        );
    }
}

<?php
/**
 * The plugin's hooks: the tag on the order-received page, the referral
 * cookie on landing pages, the settings page.
 *
 * @package ThankyouEmbed
 */

namespace Thankyou\WooCommerce;

use Thankyou\Common\Embed;
use Thankyou\Common\Referral;
use Thankyou\Common\Settings;
use Thankyou\Common\Tag;

defined( 'ABSPATH' ) || exit;

/**
 * Wires the plugin into WordPress and WooCommerce.
 */
final class Plugin {

	/** The option that holds the settings. */
	public const OPTION = 'thankyou_embed';

	public const DEFAULTS = array(
		'server_url' => '',
		'shop_key'   => '',
		'key_id'     => '',
		'secret'     => '',
		'test_mode'  => false,
		'referrals'  => false,
	);

	/**
	 * Sets a cookie as PHP's setcookie() with an options array does.
	 *
	 * @var callable
	 */
	private $set_cookie;

	/**
	 * @param callable|null $set_cookie setcookie() unless given.
	 */
	public function __construct( ?callable $set_cookie = null ) {
		$this->set_cookie = $set_cookie ?? 'setcookie';
	}

	/**
	 * Hooks the plugin in.
	 *
	 * @param string $plugin_file The main plugin file.
	 */
	public function register( string $plugin_file ): void {
		// After WooCommerce's own order details (priority 10).
		add_action( 'woocommerce_thankyou', array( $this, 'print_tag' ), 20 );
		add_action( 'template_redirect', array( $this, 'keep_referral' ) );
		add_action(
			'init',
			static function () use ( $plugin_file ): void {
				load_plugin_textdomain( 'thankyou-embed', false, dirname( plugin_basename( $plugin_file ) ) . '/languages' );
			}
		);
		add_action(
			'before_woocommerce_init',
			static function () use ( $plugin_file ): void {
				// Orders are read through WooCommerce's CRUD only, so any order storage works.
				if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
					\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', $plugin_file, true );
				}
			}
		);
		( new SettingsPage() )->register();
	}

	/**
	 * The stored settings; a THANKYOU_EMBED_SECRET constant (in wp-config.php)
	 * stands in for the secret, keeping it out of the database.
	 *
	 * @return array<string, mixed>
	 */
	public static function options(): array {
		$options = array_merge( self::DEFAULTS, (array) get_option( self::OPTION, array() ) );
		if ( defined( 'THANKYOU_EMBED_SECRET' ) ) {
			$options['secret'] = (string) constant( 'THANKYOU_EMBED_SECRET' );
		}
		return $options;
	}

	/**
	 * The settings the shared library signs with.
	 *
	 * @param array<string, mixed> $options As options() returns them.
	 */
	public static function settings( array $options ): Settings {
		return new Settings(
			(string) $options['server_url'],
			(string) $options['shop_key'],
			(string) $options['key_id'],
			(string) $options['secret'],
			(bool) $options['test_mode']
		);
	}

	/**
	 * Prints the thank-you page's tag for the order (woocommerce_thankyou,
	 * fired by the classic order-received template and by the order
	 * confirmation block for whoever may see the order).
	 *
	 * Never breaks the page: whatever goes wrong is logged and the tag left out.
	 *
	 * @param int|string $order_id The order's id.
	 */
	public function print_tag( $order_id ): void {
		try {
			$order = wc_get_order( $order_id );
			if ( ! $order instanceof \WC_Order || $order->has_status( 'failed' ) ) {
				return;
			}
			$options  = self::options();
			$settings = self::settings( $options );
			[ $order_claims, $customer ] = OrderMapper::map( $order );
			$token = ( new Embed( $settings ) )->token(
				$order_claims,
				$customer,
				array(
					'locale'   => determine_locale(),
					// phpcs:ignore WordPressVIPMinimum.Variables.RestrictedVariables.cache_constraints___COOKIE -- the order-received page is never cached.
					'referral' => $options['referrals'] ? Referral::fromCookies( $_COOKIE ) : null,
				)
			);
			// wp_get_script_tag escapes the attributes and lets CSP plugins add their nonce.
			echo wp_get_script_tag( Tag::attributes( $settings->serverUrl, $token ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
		} catch ( \Throwable $error ) {
			wc_get_logger()->warning(
				sprintf( 'Thank-you page left out for order %s: %s', $order_id, $error->getMessage() ),
				array( 'source' => 'thankyou-embed' )
			);
		}
	}

	/**
	 * Keeps the ?ref= code of a landing page in a cookie (when the settings
	 * ask for it), so that the order placed later can name it.
	 */
	public function keep_referral(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a link's parameter, not a form.
		$code = Referral::fromQuery( $_GET );
		if ( null === $code || ! self::options()['referrals'] ) {
			return;
		}
		$cookie = Referral::cookie( $code, time(), is_ssl() );
		$name   = $cookie['name'];
		$value  = $cookie['value'];
		unset( $cookie['name'], $cookie['value'] );
		( $this->set_cookie )( $name, $value, $cookie );
	}
}

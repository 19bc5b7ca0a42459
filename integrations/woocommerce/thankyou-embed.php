<?php
/**
 * Plugin Name:          Thank-you page for WooCommerce
 * Description:          Shows the thank-you page composed on your thank-you page server on WooCommerce's order-received page, personal to each order and customer.
 * Version:              0.1.0
 * Requires at least:    6.5
 * Requires PHP:         8.1
 * Requires Plugins:     woocommerce
 * WC requires at least: 8.0
 * Text Domain:          thankyou-embed
 * Domain Path:          /languages
 * License:              BSD-3-Clause
 *
 * @package ThankyouEmbed
 */

defined( 'ABSPATH' ) || exit;

// The installable zip carries the shared library in lib/ (integrations/build.py
// puts it there); an application that loaded it already keeps its copy.
if ( ! class_exists( \Thankyou\Common\Embed::class ) ) {
	require_once __DIR__ . '/lib/thankyou-common/autoload.php';
}
require_once __DIR__ . '/includes/OrderMapper.php';
require_once __DIR__ . '/includes/SettingsPage.php';
require_once __DIR__ . '/includes/Plugin.php';

( new \Thankyou\WooCommerce\Plugin() )->register( __FILE__ );

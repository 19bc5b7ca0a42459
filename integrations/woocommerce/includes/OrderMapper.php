<?php
/**
 * A WooCommerce order and its customer as the shared library's neutral arrays.
 *
 * @package ThankyouEmbed
 */

namespace Thankyou\WooCommerce;

use Thankyou\Common\History;

defined( 'ABSPATH' ) || exit;

/**
 * Reads WC_Order through WooCommerce's documented CRUD getters only.
 */
final class OrderMapper {

	/** Past orders that count towards a customer's history (this one always does). */
	public const COUNTED_STATUSES = array( 'processing', 'on-hold', 'completed' );

	/** The history reads at most this many of a customer's latest orders. */
	public const HISTORY_LIMIT = 500;

	/**
	 * The order and the customer for Claims::build.
	 *
	 * Item prices are per unit, including tax, before discounts (what the
	 * cart showed); the category is the name of the product's first one.
	 * Customers with an account are known by it, guests by their billing
	 * e-mail address. WooCommerce knows no newsletter status: a newsletter
	 * plugin can tell it through the thankyou_embed_newsletter filter.
	 *
	 * @param \WC_Order $order The order.
	 * @return array{0: array<string, mixed>, 1: array<string, mixed>}
	 */
	public static function map( \WC_Order $order ): array {
		$items = array();
		foreach ( $order->get_items( 'line_item' ) as $item ) {
			if ( ! $item instanceof \WC_Order_Item_Product ) {
				continue;
			}
			$product = $item->get_product();
			$items[] = array(
				'sku'      => $product ? $product->get_sku() : null,
				'name'     => $item->get_name(),
				'category' => $product ? self::category( $product ) : null,
				'quantity' => $item->get_quantity(),
				'price'    => $order->get_item_subtotal( $item, true, false ),
			);
		}
		$data = array(
			'id'         => $order->get_id(),
			'number'     => $order->get_order_number(),
			'created_at' => $order->get_date_created(),
			'currency'   => $order->get_currency(),
			'total'      => $order->get_total(),
			'items'      => $items,
			'shipping'   => array(
				'country' => $order->get_shipping_country(),
				'method'  => $order->get_shipping_method(),
			),
		);
		$customer_id = (int) $order->get_customer_id();
		$customer    = array(
			'id'         => $customer_id ? $customer_id : null,
			'first_name' => $order->get_billing_first_name(),
			'email'      => $order->get_billing_email(),
			'is_guest'   => 0 === $customer_id,
			/**
			 * Whether the order's customer receives the shop's newsletter:
			 * true, false, or null when unknown (left out of the claims).
			 *
			 * @param bool|null  $subscribed Null.
			 * @param \WC_Order $order      The order.
			 */
			'newsletter' => apply_filters( 'thankyou_embed_newsletter', null, $order ),
		) + History::summarise( self::past_orders( $order ), $data );

		return array( $data, $customer );
	}

	/**
	 * The customer's orders that count, newest first, as History reads them.
	 *
	 * @param \WC_Order $order This order.
	 * @return \Generator<array<string, mixed>>
	 */
	private static function past_orders( \WC_Order $order ): \Generator {
		$query = array(
			'type'    => 'shop_order',
			'status'  => self::COUNTED_STATUSES,
			'limit'   => self::HISTORY_LIMIT,
			'orderby' => 'date',
			'order'   => 'DESC',
		);
		if ( $order->get_customer_id() ) {
			$query['customer_id'] = $order->get_customer_id();
		} elseif ( '' !== $order->get_billing_email() ) {
			$query['billing_email'] = $order->get_billing_email();
		} else {
			return;
		}
		foreach ( wc_get_orders( $query ) as $past ) {
			yield array(
				'id'         => $past->get_id(),
				'total'      => $past->get_total(),
				'currency'   => $past->get_currency(),
				'created_at' => $past->get_date_created(),
			);
		}
	}

	/**
	 * The name of the product's first category (a variation's are its parent's).
	 *
	 * @param \WC_Product $product The product.
	 */
	private static function category( \WC_Product $product ): ?string {
		foreach ( $product->get_category_ids() as $category_id ) {
			$term = get_term( $category_id, 'product_cat' );
			if ( $term instanceof \WP_Term ) {
				return $term->name;
			}
		}
		return null;
	}
}

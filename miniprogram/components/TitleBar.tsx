import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { isWeapp } from '../lib/env';
import { go } from '../lib/routes';
import './TitleBar.css';

/**
 * The title bar of an H5 page (WeChat draws its own): the page's title, and on the left a way
 * out — 返回 when there is a page to go back to, 首页 when the page was opened on its own (a
 * link shared in a group chat), nothing on a root page (the tab pages, 工作台). The choice is
 * made from the page stack under this page when it opens, so a shared card keeps its 首页
 * after going forward to another page and back.
 */
export function TitleBar(props: {
  title: string;
  /** Where 首页 leads: the resident home, or 工作台 in the admin view. */
  home: string;
  /** A root page: no back and no home. */
  root?: boolean;
}) {
  // The pages under this one, counted once when it opens: they do not change while it lives, and
  // counting again on a later render (coming back from the next page) may still see that page.
  const [depth] = useState(() => (isWeapp ? 0 : Taro.getCurrentPages().length));
  if (isWeapp) return null;
  return (
    <View className="title-bar" id="title-bar">
      {props.root ? null : depth > 1 ? (
        <View className="title-bar-button" id="title-back" onClick={() => void Taro.navigateBack()}>
          <Text className="title-bar-arrow">‹</Text>
          <Text>返回</Text>
        </View>
      ) : (
        <View className="title-bar-button" id="title-home" onClick={() => go(props.home)}>
          <Text className="title-bar-arrow">⌂</Text>
          <Text>首页</Text>
        </View>
      )}
      <Text className="title-bar-text" id="title-text">
        {props.title}
      </Text>
    </View>
  );
}
